package io.github.omniretail.routing;

import io.github.omniretail.core.FulfillmentNode;
import io.github.omniretail.core.GeoPoint;
import io.github.omniretail.core.NodeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Nearest-k lookup of fulfilment nodes by great-circle distance: a k-d tree over the nodes' positions on the unit
 * sphere (x, y, z). Straight-line (chord) distance in 3-D orders points exactly as great-circle distance does, so
 * the search is correct across the antimeridian and at the poles with no special cases; queries visit
 * O(log n + k) nodes on typical networks instead of measuring the distance to every node.
 *
 * <p>Immutable and thread-safe. {@link #withNode(FulfillmentNode)} returns an index with a node added or
 * replaced: a node whose location did not change (it opened, closed, or changed capabilities or capacity) is
 * swapped in place in O(1) plus an array copy; a moved or new node triggers a rebuild (O(n log n); about a
 * millisecond per 10,000 nodes).
 */
public final class SpatialIndex {

    /**
     * A node found by a query and its great-circle distance from the query point.
     *
     * @param node non-null node
     * @param distanceMetres great-circle (haversine) distance in metres
     */
    public record Neighbour(FulfillmentNode node, double distanceMetres) {

        /**
         * Checks for null.
         *
         * @param node non-null node
         * @param distanceMetres great-circle (haversine) distance in metres
         */
        public Neighbour {
            Objects.requireNonNull(node, "node");
        }
    }

    private final FulfillmentNode[] nodes;
    private final double[] xyz; // unit vectors, 3 per node, in node order
    private final int[] tree;   // node indexes in k-d order: subtree [lo, hi) has its split point at (lo + hi) / 2
    private final byte[] axis;  // split axis per tree position
    private final Map<NodeId, Integer> byId;

    private SpatialIndex(FulfillmentNode[] nodes) {
        this.nodes = nodes;
        int n = nodes.length;
        this.xyz = new double[n * 3];
        this.byId = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            GeoPoint p = nodes[i].location();
            double lat = Math.toRadians(p.latitude());
            double lon = Math.toRadians(p.longitude());
            xyz[i * 3] = Math.cos(lat) * Math.cos(lon);
            xyz[i * 3 + 1] = Math.cos(lat) * Math.sin(lon);
            xyz[i * 3 + 2] = Math.sin(lat);
            if (byId.put(nodes[i].id(), i) != null) {
                throw new IllegalArgumentException("node " + nodes[i].id() + " appears twice");
            }
        }
        this.tree = new int[n];
        for (int i = 0; i < n; i++) {
            tree[i] = i;
        }
        this.axis = new byte[n];
        build(0, n);
    }

    private SpatialIndex(SpatialIndex base, int replaced, FulfillmentNode node) {
        this.nodes = base.nodes.clone();
        this.nodes[replaced] = node;
        this.xyz = base.xyz;
        this.tree = base.tree;
        this.axis = base.axis;
        this.byId = base.byId;
    }

    /**
     * Builds an index.
     *
     * @param nodes non-null nodes with distinct ids
     * @return the index
     * @throws IllegalArgumentException if two nodes share an id
     */
    public static SpatialIndex of(Collection<FulfillmentNode> nodes) {
        return new SpatialIndex(nodes.toArray(new FulfillmentNode[0]));
    }

    /** @return the number of nodes */
    public int size() {
        return nodes.length;
    }

    /** @return every node, in insertion order */
    public List<FulfillmentNode> nodes() {
        return List.of(nodes);
    }

    /**
     * The node with this id.
     *
     * @param id non-null node id
     * @return the node, or empty if not indexed
     */
    public Optional<FulfillmentNode> node(NodeId id) {
        Integer i = byId.get(id);
        return i == null ? Optional.empty() : Optional.of(nodes[i]);
    }

    /**
     * An index with {@code node} added, or replacing the node with the same id.
     *
     * @param node non-null node
     * @return the new index; this one is unchanged
     */
    public SpatialIndex withNode(FulfillmentNode node) {
        Integer i = byId.get(node.id());
        if (i != null && nodes[i].location().equals(node.location())) {
            return new SpatialIndex(this, i, node);
        }
        List<FulfillmentNode> all = new ArrayList<>(Arrays.asList(nodes));
        if (i != null) {
            all.set(i, node);
        } else {
            all.add(node);
        }
        return of(all);
    }

    /**
     * An index without the node with this id.
     *
     * @param id non-null node id
     * @return the new index; this one is unchanged
     */
    public SpatialIndex withoutNode(NodeId id) {
        Integer i = byId.get(id);
        if (i == null) {
            return this;
        }
        List<FulfillmentNode> all = new ArrayList<>(Arrays.asList(nodes));
        all.remove((int) i);
        return of(all);
    }

    /**
     * The {@code k} nodes nearest to {@code point} that pass {@code filter}, nearest first.
     *
     * @param point non-null query point
     * @param k how many, {@code >= 1}
     * @param filter non-null predicate, e.g. "open and can ship"
     * @return up to {@code k} neighbours, by increasing distance
     */
    public List<Neighbour> nearest(GeoPoint point, int k, Predicate<? super FulfillmentNode> filter) {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(filter, "filter");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        double lat = Math.toRadians(point.latitude());
        double lon = Math.toRadians(point.longitude());
        double[] q = {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
        Heap heap = new Heap(Math.min(k, Math.max(1, nodes.length)));
        search(0, nodes.length, q, heap, filter);
        int[] found = heap.sorted();
        List<Neighbour> out = new ArrayList<>(found.length);
        for (int i : found) {
            out.add(new Neighbour(nodes[i], point.distanceMetres(nodes[i].location())));
        }
        return out;
    }

    private void build(int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        // Split on the axis with the largest spread, at the median.
        double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = lo; i < hi; i++) {
            for (int d = 0; d < 3; d++) {
                double v = xyz[tree[i] * 3 + d];
                min[d] = Math.min(min[d], v);
                max[d] = Math.max(max[d], v);
            }
        }
        int a = 0;
        for (int d = 1; d < 3; d++) {
            if (max[d] - min[d] > max[a] - min[a]) {
                a = d;
            }
        }
        int mid = (lo + hi) >>> 1;
        select(lo, hi - 1, mid, a);
        axis[mid] = (byte) a;
        build(lo, mid);
        build(mid + 1, hi);
    }

    /** Quickselect: puts the element of rank {@code k} on axis {@code a} at position {@code k}. */
    private void select(int lo, int hi, int k, int a) {
        while (hi > lo) {
            double pivot = xyz[tree[(lo + hi) >>> 1] * 3 + a];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (xyz[tree[i] * 3 + a] < pivot) {
                    i++;
                }
                while (xyz[tree[j] * 3 + a] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = tree[i];
                    tree[i] = tree[j];
                    tree[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private void search(int lo, int hi, double[] q, Heap heap, Predicate<? super FulfillmentNode> filter) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int node = tree[mid];
            double dx = xyz[node * 3] - q[0];
            double dy = xyz[node * 3 + 1] - q[1];
            double dz = xyz[node * 3 + 2] - q[2];
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 < heap.worst() && filter.test(nodes[node])) {
                heap.offer(node, d2);
            }
            if (hi - lo == 1) {
                return;
            }
            int a = axis[mid];
            double diff = q[a] - xyz[node * 3 + a];
            int nearLo;
            int nearHi;
            int farLo;
            int farHi;
            if (diff < 0) {
                nearLo = lo;
                nearHi = mid;
                farLo = mid + 1;
                farHi = hi;
            } else {
                nearLo = mid + 1;
                nearHi = hi;
                farLo = lo;
                farHi = mid;
            }
            search(nearLo, nearHi, q, heap, filter);
            if (diff * diff >= heap.worst()) {
                return;
            }
            lo = farLo;
            hi = farHi;
        }
    }

    /** A bounded max-heap of (node, squared chord distance): keeps the k nearest seen. */
    private static final class Heap {
        private final int[] ids;
        private final double[] dist;
        private int size;

        Heap(int k) {
            ids = new int[k];
            dist = new double[k];
        }

        double worst() {
            return size < ids.length ? Double.MAX_VALUE : dist[0];
        }

        void offer(int id, double d) {
            if (size < ids.length) {
                int i = size++;
                while (i > 0) {
                    int p = (i - 1) >>> 1;
                    if (dist[p] >= d) {
                        break;
                    }
                    ids[i] = ids[p];
                    dist[i] = dist[p];
                    i = p;
                }
                ids[i] = id;
                dist[i] = d;
            } else if (d < dist[0]) {
                siftDown(id, d);
            }
        }

        /** Puts (id, d) at the root and sifts it down: replaces the farthest entry. */
        private void siftDown(int id, double d) {
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= size) {
                    break;
                }
                if (c + 1 < size && dist[c + 1] > dist[c]) {
                    c++;
                }
                if (dist[c] <= d) {
                    break;
                }
                ids[i] = ids[c];
                dist[i] = dist[c];
                i = c;
            }
            ids[i] = id;
            dist[i] = d;
        }

        /** Empties the heap into an array, nearest first (heap sort, no boxing). */
        int[] sorted() {
            int[] out = new int[size];
            while (size > 0) {
                out[size - 1] = ids[0];
                int last = --size;
                if (size > 0) {
                    siftDown(ids[last], dist[last]);
                }
            }
            return out;
        }
    }
}
