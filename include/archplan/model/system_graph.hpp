// The system graph: every node, switch and storage-server stage as a vertex, one edge per direction
// of each link, edge capacity = payload rate. Boost.Graph stays behind this interface.
#pragma once

#include "archplan/spec/knobs.hpp"
#include "archplan/spec/spec.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace archplan::model {

using units::BytesPerSecond;

// compute is a node's NIC; client is its file-system client stage, present only when the spec gives a ceiling.
// router: one side of a router (its NIC ports on one of the two networks it joins).
enum class VertexKind : std::uint8_t {
    compute,
    leaf,
    spine,
    aggregation,
    core,
    server_nic,
    server_ctrl,
    server_drives,
    client,
    router
};

enum class Team : std::uint8_t { compute, network, storage };

// Edges of one kind share a class: "gpu NIC -> leaf", "leaf[gpu] -> spine", "scratch drives (write)".
// Utilisation and bottlenecks are reported per class.
struct EdgeClass {
    std::string name;    // human-readable, unique
    std::string element; // what the team buys: "storage NIC port", "leaf uplink", "server controller"
    Team team = Team::network;
    std::string network; // empty for server-internal classes
    std::string group;   // compute group or storage system it belongs to, if any
    bool upward = true;  // for network classes: toward the storage side (write direction)
};

struct Vertex {
    VertexKind kind;
    std::uint32_t owner; // index of the compute group / storage system (endpoints), leaf shape (leaves), pod/plane
    std::uint32_t index; // index within the owner (node number, server number, switch number)
};

struct Edge {
    std::uint32_t source;
    std::uint32_t target;
    std::uint32_t cls;   // index into SystemGraph::classes()
    std::uint32_t links; // parallel links merged into this edge (1 for internal stages)
    double capacity;     // payload bytes per second, all links together
};

// Where an endpoint group sits: the contiguous vertex range and, per network, the leaves it uses.
struct EndpointGroup {
    std::string name;
    bool is_storage = false;
    std::uint32_t first_vertex = 0; // compute: node vertices; storage: server NIC vertices
    std::uint32_t count = 0;
    std::uint32_t ports = 0; // NIC ports per endpoint
    // storage only: the ctrl and drive stages are first_ctrl + i, first_drives + i
    std::uint32_t first_ctrl = 0;
    std::uint32_t first_drives = 0;
    // compute only, with a client ceiling: node i's client stage is first_client + i, in front of its NIC
    bool has_client = false;
    std::uint32_t first_client = 0;
    // router only: side 0 (first_vertex + i) on network_a with `ports` ports, side 1 (first_side_b + i) on network_b.
    bool is_router = false;
    std::string network_a, network_b;
    std::uint32_t first_side_b = 0;
    std::uint32_t ports_b = 0;
    // storage with a cluster network: server i's NIC ports there are vertex first_cluster + i (no edge to the
    // controller: the routed flow puts the copies they carry on the controller's own edges).
    std::string cluster_network;
    std::uint32_t first_cluster = 0;
    std::uint32_t cluster_ports = 0;
    // The vertices and ports of this group on `network` (routers: the side there; a storage system's cluster
    // network: its cluster NICs; otherwise its NICs).
    [[nodiscard]] std::uint32_t first_on(const std::string& network) const {
        if (is_router && network == network_b) return first_side_b;
        if (!cluster_network.empty() && network == cluster_network) return first_cluster;
        return first_vertex;
    }
    [[nodiscard]] std::uint32_t ports_on(const std::string& network) const {
        if (is_router && network == network_b) return ports_b;
        if (!cluster_network.empty() && network == cluster_network) return cluster_ports;
        return ports;
    }
    // The vertex where node i's client bytes start (writes) or end (reads): its client stage, else its NIC.
    [[nodiscard]] std::uint32_t endpoint(std::uint32_t i) const { return (has_client ? first_client : first_vertex) + i; }
};

struct LeafInfo {
    std::uint32_t vertex;
    std::uint32_t network; // index into spec networks
    std::uint32_t shape;   // index into the network's leaves
    std::uint32_t ports_used_down;
};

// Counts per network, for reports and derived requirements.
struct FabricSummary {
    std::string name;
    int tiers = 2;
    std::vector<int> leaves_per_shape;       // in the order of spec leaves
    int spines = 0;                          // 2-tier
    int pods = 0;                            // 3-tier
    int aggregations = 0;                    // 3-tier
    int cores = 0;                           // 3-tier
    int max_spine_ports_used = 0;            // 2-tier spines, or 3-tier cores
    std::vector<int> leaf_ports_used_up;     // per shape
    std::vector<std::uint32_t> top_switches; // vertices of the spines (2 tiers) or core switches (3 tiers)
    // For the bill of materials: per shape, host ports (endpoint links) and the most down ports one leaf
    // uses; the aggregation switches' most used down ports; links per tier.
    std::vector<long> host_links;    // per shape: endpoint NIC ports cabled to its leaves
    std::vector<int> leaf_down_used; // per shape: switch ports down on the fullest leaf
    int max_agg_down_used = 0;       // 3-tier
    long leaf_up_links = 0;          // leaf -> spine (2 tiers) or leaf -> aggregation (3 tiers)
    long agg_up_links = 0;           // aggregation -> core (3 tiers)
    // Dragonfly: its switches in order (switch i is in group i / switches_per_group; those hosting endpoints are the
    // leaves, first), and the links inside groups and between them.
    bool dragonfly = false;
    int groups = 0, switches_per_group = 0, global_per_switch = 0;
    std::vector<std::uint32_t> switches;
    long local_links = 0, global_links = 0;
    int links_per_group_pair = 0;
    int max_switch_ports_used = 0;
};

class SystemGraph {
public:
    SystemGraph();
    ~SystemGraph();
    SystemGraph(SystemGraph&&) noexcept;
    SystemGraph& operator=(SystemGraph&&) noexcept;

    [[nodiscard]] std::size_t vertex_count() const { return m_vertices.size(); }
    [[nodiscard]] const std::vector<Vertex>& vertices() const { return m_vertices; }
    [[nodiscard]] const std::vector<Edge>& edges() const { return m_edges; }
    [[nodiscard]] const std::vector<EdgeClass>& classes() const { return m_classes; }
    [[nodiscard]] const std::vector<EndpointGroup>& groups() const { return m_groups; }
    [[nodiscard]] const std::vector<LeafInfo>& leaves() const { return m_leaves; }
    [[nodiscard]] const std::vector<FabricSummary>& fabrics() const { return m_fabrics; }
    [[nodiscard]] const EndpointGroup* find_group(const std::string& name) const;

    // Edges leaving / entering a vertex (indices into edges()), in edge order.
    struct EdgeRange {
        const std::uint32_t* first;
        const std::uint32_t* last;
        [[nodiscard]] const std::uint32_t* begin() const { return first; }
        [[nodiscard]] const std::uint32_t* end() const { return last; }
        [[nodiscard]] std::size_t size() const { return static_cast<std::size_t>(last - first); }
        [[nodiscard]] bool empty() const { return first == last; }
        [[nodiscard]] std::uint32_t operator[](std::size_t i) const { return first[i]; }
    };
    [[nodiscard]] EdgeRange out_edges(std::uint32_t v) const {
        return {m_out.data() + m_out_at[v], m_out.data() + m_out_at[v + 1]};
    }
    [[nodiscard]] EdgeRange in_edges(std::uint32_t v) const { return {m_in.data() + m_in_at[v], m_in.data() + m_in_at[v + 1]}; }

    // The Boost.Graph view, for the model's own algorithms (src/model/graph_impl.hpp); opaque elsewhere. Built on
    // first use, once, safely from several threads.
    struct Impl;
    [[nodiscard]] const Impl& impl() const;

private:
    friend class GraphBuilder;
    friend bool refit(SystemGraph& g, const spec::Spec& spec, spec::Diagnostics& diags);
    void fit_drives(const spec::Spec& spec); // the drive edges' capacities and drive counts
    std::vector<Vertex> m_vertices;
    std::vector<Edge> m_edges;
    std::vector<EdgeClass> m_classes;
    std::vector<EndpointGroup> m_groups;
    std::vector<LeafInfo> m_leaves;
    std::vector<FabricSummary> m_fabrics;
    // Compressed adjacency: the edges of vertex v are m_out[m_out_at[v] .. m_out_at[v + 1]) (two allocations, not
    // one per vertex: a sweep builds thousands of graphs).
    std::vector<std::uint32_t> m_out, m_in, m_out_at, m_in_at;
    std::unique_ptr<Impl> m_impl;
};

// What one drive delivers to many interleaved streams (docs/models.md, delivered drive rates). A disk pays
// a positioning time per chunk: rate = c / (c / (0.75 x datasheet) + seek + half a rotation), with c the
// file-system block or RPC size over the stripe's data chunks; flash writes at its steady-state rate when
// given. Without a drive kind the rates are used as given.
struct DeliveredRates {
    double read = 0, write = 0; // bytes/s per drive
    double chunk = 0;           // hdd: bytes each drive receives per I/O
    double positioning = 0;     // hdd: seek + half a rotation, seconds
};
DeliveredRates delivered_drive_rates(const spec::StorageSystem& s);

struct BuildResult {
    std::optional<SystemGraph> graph;
    spec::Diagnostics diagnostics; // impossible designs, with the reason
};

// Builds the explicit per-element graph. Rejects designs that cannot be wired.
BuildResult build(const spec::Spec& spec);

// Knobs whose value sets edge capacities, never what is wired: drives per server, protection (an HDD's delivered
// rate depends on the chunk io_size / k) and the rebuild share (the analysis's alone). A graph built for one value
// of them serves any other after refit(): a sweep over them builds once.
bool sets_only_capacities(spec::KnobKind kind);

// The storage design rules build() checks beyond the wiring: protection width against servers, and against drives
// per server when protection is inside each server.
void check_storage(const spec::StorageSystem& s, spec::Diagnostics& diags);

// Fits `g`, built from a spec that differs from `spec` only in knobs that set only capacities, to `spec`. False,
// with the reason in `diags`, when `spec` breaks a storage rule (then `g` is unchanged).
bool refit(SystemGraph& g, const spec::Spec& spec, spec::Diagnostics& diags);

} // namespace archplan::model
