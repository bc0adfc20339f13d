package io.github.omniretail.examples.spring;

import io.github.omniretail.examples.serve.RetailApi;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UrlPathHelper;

/**
 * Every path of the demo's API, answered by {@link RetailApi}: the endpoints, validation, error bodies and statuses
 * are the {@code serve} command's, byte for byte. Spring's own endpoints ({@code /actuator/**}) are mapped ahead of
 * this one. Thread-safe.
 */
@RestController
public class RetailController {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final RetailApi api;

    /** @param api the API to serve */
    public RetailController(RetailApi api) {
        this.api = api;
    }

    /**
     * @param request the servlet request, any method and path
     * @return the API's answer
     * @throws IOException if the body cannot be read
     */
    @RequestMapping("/**")
    public ResponseEntity<byte[]> handle(HttpServletRequest request) throws IOException {
        RetailApi.Response response = api.respond(new RetailApi.Request() {
            @Override
            public String method() {
                return request.getMethod();
            }

            @Override
            public String path() {
                return PATHS.getPathWithinApplication(request);
            }

            @Override
            public String rawQuery() {
                return request.getQueryString();
            }

            @Override
            public List<String> header(String name) {
                return Collections.list(request.getHeaders(name));
            }

            @Override
            public InputStream body() throws IOException {
                return request.getInputStream();
            }
        });
        HttpHeaders headers = new HttpHeaders();
        response.headers().forEach(headers::set);
        headers.setContentType(new MediaType(MediaType.APPLICATION_JSON, java.nio.charset.StandardCharsets.UTF_8));
        return ResponseEntity.status(response.status()).headers(headers).body(response.json());
    }
}
