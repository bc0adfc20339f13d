package io.github.omniretail.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.omniretail.core.spi.PrivacyPolicy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PrivacyTest {
    private static final byte[] SECRET = "sixteen+ byte secret".getBytes(StandardCharsets.UTF_8);

    private static void refused(String message, Executable call) {
        Exception e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void masksEachKind() {
        assertEquals("138****8000", PersonalField.PHONE.mask("13812348000"));
        assertEquals("861******8000", PersonalField.PHONE.mask("+86 138-1234-8000"));
        assertEquals("***45", PersonalField.PHONE.mask("12345"));
        assertEquals("张**", PersonalField.NAME.mask("张三丰"));
        assertEquals("J***", PersonalField.NAME.mask("Jane"));
        assertEquals("j***@example.com", PersonalField.EMAIL.mask("jane@example.com"));
        assertEquals("浙江省杭州****", PersonalField.ADDRESS.mask("浙江省杭州市西湖区文三路90号"));
        assertEquals("~30.3,120.2", PersonalField.LOCATION.mask("30.27412,120.15513"));
        assertEquals("****-05-**", PersonalField.BIRTHDAY.mask("1990-05-17"));
        assertEquals("**********", PersonalField.BIRTHDAY.mask("17/05/1990"));
    }

    record Holder(PersonalValue phone) {
    }

    @Test
    void valuesNeverPrintOrSerialiseInClear() throws Exception {
        PersonalValue phone = PersonalValue.of(PersonalField.PHONE, "13812348000");
        assertEquals("138****8000", phone.toString());
        assertEquals("\"138****8000\"", new ObjectMapper().writeValueAsString(phone));
        assertFalse(new Holder(phone).toString().contains("13812348000"));
        assertFalse(new ObjectMapper().writeValueAsString(new Holder(phone)).contains("13812348000"));
    }

    @Test
    void standardPolicyGradesReaders() {
        Redactor r = Redactor.of(PrivacyPolicy.standard(), SECRET);
        PersonalValue phone = PersonalValue.of(PersonalField.PHONE, "13812348000");
        PersonalValue birthday = PersonalValue.of(PersonalField.BIRTHDAY, "1990-05-17");
        assertEquals("13812348000", r.render(AccessLevel.OWNER, phone));
        assertEquals("13812348000", r.render(AccessLevel.FULFILMENT, phone));
        assertEquals("****-05-**", r.render(AccessLevel.FULFILMENT, birthday));
        assertEquals("138****8000", r.render(AccessLevel.STAFF, phone));
        assertEquals("138****8000", r.render(new AccessLevel("vendor"), phone));
        String hashed = r.render(AccessLevel.ANALYTICS, phone);
        assertTrue(hashed.startsWith("h:") && hashed.length() == 18, hashed);
        assertEquals(r.hash(phone), hashed);
        assertNotEquals(hashed, Redactor.of(PrivacyPolicy.standard(),
                "another secret, 16+".getBytes(StandardCharsets.UTF_8)).hash(phone));
        assertNotEquals(hashed, r.hash(PersonalValue.of(PersonalField.NAME, "13812348000")));
        refused("at least 16 bytes, was 8", () -> Redactor.of(PrivacyPolicy.standard(), new byte[8]));
    }

    @Test
    void sealsOpensAndRotates() {
        byte[] k2 = new byte[32];
        Arrays.fill(k2, (byte) 7);
        KeyRing ring = KeyRing.of("k1", new byte[32]);
        FieldCipher cipher = new FieldCipher(ring);
        String address = "浙江省杭州市西湖区文三路90号";
        byte[] sealed = cipher.seal(address, "M1/ADDRESS");
        assertFalse(new String(sealed, StandardCharsets.UTF_8).contains("杭州"));
        assertFalse(Arrays.equals(cipher.seal("x", "a"), cipher.seal("x", "a")), "a fresh nonce each time");
        assertEquals(address, cipher.open(sealed, "M1/ADDRESS"));
        assertEquals("k1", FieldCipher.keyIdOf(sealed));
        refused("fails authentication", () -> cipher.open(sealed, "M2/ADDRESS"));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 1] ^= 1;
        refused("fails authentication", () -> cipher.open(tampered, "M1/ADDRESS"));

        ring.add("k2", k2).rotateTo("k2");
        assertFalse(cipher.isCurrent(sealed));
        byte[] resealed = cipher.seal(cipher.open(sealed, "M1/ADDRESS"), "M1/ADDRESS");
        assertEquals("k2", FieldCipher.keyIdOf(resealed));
        ring.retire("k1");
        assertEquals(address, cipher.open(resealed, "M1/ADDRESS"));
        refused("unknown key k1", () -> cipher.open(sealed, "M1/ADDRESS"));
        refused("current", () -> ring.retire("k2"));
        refused("was 5", () -> ring.add("k3", new byte[5]));
        refused("not a sealed value", () -> FieldCipher.keyIdOf(new byte[] {9}));
    }
}
