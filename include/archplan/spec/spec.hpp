// The spec: plain structs mirroring the YAML document, filled and validated by load().
#pragma once

#include "archplan/spec/catalog.hpp"
#include "archplan/spec/diagnostics.hpp"
#include "archplan/units/units.hpp"

#include <optional>
#include <string>
#include <vector>

namespace archplan::spec {

// The most items each of a spec's lists may have (docs/spec.md, "Limits"). Every requirement is analysed on the whole
// graph under every scenario, so the cost is linear in each; these keep a run of the largest spec within minutes.
namespace limits {
inline constexpr std::size_t requirements = 1000; // bandwidth and capacity requirements, as written
inline constexpr std::size_t workloads = 256;
inline constexpr std::size_t concurrent = 256;
inline constexpr std::size_t scenarios = 256; // written ones; the defaults add a few per group
inline constexpr std::size_t groups = 256;    // compute groups, storage systems, router groups: each list
inline constexpr std::size_t networks = 64;
inline constexpr std::size_t variants = 256;
inline constexpr std::size_t tenants = 64;
} // namespace limits

using units::Bytes;
using units::BytesPerSecond;

enum class Direction { read, write };
const char* direction_name(Direction d);

// How reads touch a stripe: whole stripes in order (checkpoint restart, large shards), or small random
// parts of stripes (sample-by-sample data loading). Only random partial reads pay extra device reads
// while a chunk is missing.
enum class Access { sequential, random };

// Where a requirement comes from: the spec, or a workload (and which of its figures).
enum class Origin { spec, workload_write, workload_drain, workload_read, dataset, retention };

// A bandwidth requirement moves client bytes between a compute group and a storage system.
struct BandwidthRequirement {
    std::string id;
    BytesPerSecond bandwidth; // aggregate, sustained, as the application sees it
    std::string written;      // the figure as written when its unit is bits ("10 Tb/s"), so reports show the conversion
    Direction direction = Direction::write;
    std::string from; // compute group
    std::string to;   // storage system
    std::string via;  // network; empty: the one network that connects both
    Access access = Access::sequential;
    SourceLoc loc;
    std::string origin; // for a requirement derived from a workload: the workload's id
    Origin origin_kind = Origin::spec;
};

// "Eleven nines": the annual probability of losing data on a storage system is at most 10^-nines.
struct DurabilityRequirement {
    std::string id;
    double nines = 0;
    std::string on;
    SourceLoc loc;
};

struct CapacityRequirement {
    std::string id;
    Bytes usable;
    std::string on; // storage system
    SourceLoc loc;
    std::string origin; // for a requirement derived from a workload: the workload's id
    Origin origin_kind = Origin::spec;
};

// NIC ports of one endpoint that reach a network: "2 x 200 Gb/s".
struct Nic {
    int ports = 0;
    BytesPerSecond rate; // line rate of one port
    SourceLoc loc;
};

// The most one node's file-system client moves (kernel client or FUSE, CPU, PCIe), in client bytes
// per second: what the application on the node reads or writes, before any parity the client adds.
struct ClientCeiling {
    BytesPerSecond read;
    BytesPerSecond write;
    SourceLoc loc;
};

struct ComputeGroup {
    std::string name;
    int count = 0;
    Nic storage_nic;
    int per_rack = 0;                    // 0: not given
    std::optional<ClientCeiling> client; // empty: no ceiling but the NIC
    std::optional<Part> part;            // the node, from the catalog (with the spec's overrides)
    std::optional<Part> nic_part;        // its storage NIC cards, when priced apart from the node
    SourceLoc loc;
};

// Ports of one switch shape: `down` toward endpoints or lower tiers, `up` toward the next tier.
// Ports of one switch shape: `down` toward endpoints or lower tiers, `up` toward the next tier. A shape
// serves one attached group (it is named after it), or several with a stated split of its down ports
// (mixed leaves, named on their own).
struct LeafShape {
    std::string group; // the attached group, or a mixed shape's own name
    int down = 0;
    int up = 0; // 0 only in a single-switch (one-tier) network
    SourceLoc loc;
    int breakout = 1; // host ports per down switch port (breakout cables split a port's lanes), each at link / breakout
    struct Member {
        std::string group;
        int down = 0; // down switch ports of each leaf given to this group
    };
    std::vector<Member> members; // one (the group, all `down`) unless mixed
    bool dual = false;           // dual-homed: each endpoint's ports split evenly over a leaf pair (MLAG, two rails)
    [[nodiscard]] int host_ports() const { return down * breakout; }
    [[nodiscard]] bool mixed() const { return members.size() > 1 || (members.size() == 1 && members[0].group != group); }
    [[nodiscard]] bool hosts(const std::string& g) const {
        for (const auto& m : members)
            if (m.group == g) return true;
        return false;
    }
};

// How switches spread flows over equal-cost next hops: adaptive (per packet or flowlet: loads split
// evenly per link) or static (per-flow hashing: a few large flows load the busiest link above the mean).
struct Routing {
    enum class Mode { adaptive, static_hash } mode = Mode::adaptive;
    int flows = 1; // static: flows (queue pairs, connections) per endpoint pair, each hashed on its own
    SourceLoc loc;
};

// A dragonfly (HPE Slingshot, Cray Aries): groups of switches with all-to-all local links inside a group and
// global links between groups; endpoints attach to the switches themselves.
struct Dragonfly {
    int groups = 0;
    int switches = 0; // per group
    int global = 0;   // global ports per switch
    enum class Paths { minimal, valiant } paths = Paths::minimal;
    SourceLoc loc;
};

// How a network carries tenants' bytes: an overlay, encryption, where the crypto runs, and the IP MTU. The
// payload efficiency follows from the headers (isolation_efficiency); CPU crypto needs a per-node rate.
struct Isolation {
    enum class Overlay { none, vxlan, geneve } overlay = Overlay::none;
    enum class Encryption { none, macsec, ipsec_transport, ipsec_tunnel, tls } encryption = Encryption::none;
    enum class Offload { nic, cpu } offload = Offload::nic;
    int mtu = 1500;            // IP MTU, bytes
    BytesPerSecond cpu_crypto; // per node, when the crypto runs on the CPU
    std::string derivation;    // the header arithmetic behind the network's efficiency
    SourceLoc loc;
};

// TCP over IPv4 over Ethernet with `iso`'s overlay and encryption: payload bytes per frame over the bytes a frame
// takes on the wire (preamble, header, FCS and gap: 38), with the arithmetic written out (docs/models.md, isolation).
struct StackEfficiency {
    double payload = 0, wire = 0, efficiency = 0;
    std::string derivation;
};
StackEfficiency isolation_efficiency(const Isolation& iso);

struct Network {
    std::string name;
    BytesPerSecond link;     // switch port line rate
    double efficiency = 1.0; // payload / line rate
    Routing routing;
    int tiers = 2;                      // 1 for a single switch and for a dragonfly (its switches are its leaves)
    std::optional<Dragonfly> dragonfly; // set: a dragonfly, not a fat tree
    int radix = 0;                      // ports per switch; 0: not checked
    [[nodiscard]] bool single_switch() const { return tiers == 1 && !dragonfly; }
    std::vector<LeafShape> leaves;
    // Two tiers: the spine.
    int spine_ports = 0;
    int spine_count = 0; // 0: the greatest common divisor of the leaf shapes' uplinks
    // Three tiers: aggregation switches per pod and core switches per plane.
    int agg_down = 0;
    int agg_up = 0;
    int agg_per_pod = 0; // 0: the greatest common divisor of the leaf shapes' uplinks
    int core_ports = 0;
    // Parts, from the catalog: the switches (every tier), the optical transceiver at each end of a link between
    // racks, and the endpoint cables (copper in the rack, active optical between racks).
    std::optional<Part> switch_part, optic_part, dac_part, aoc_part;
    std::optional<Isolation> isolation; // set: `efficiency` is the one its stack gives
    SourceLoc loc;
};

// Routers or gateways joining two networks (Lustre LNet routers, gateway nodes): each has NIC ports on both and
// forwards what crosses at up to `limit` each way. Requirements between the two networks pass through them.
struct RouterGroup {
    std::string name;
    int count = 0;
    std::vector<std::pair<std::string, Nic>> nics; // the two networks, with the NIC ports on each
    BytesPerSecond limit;                          // forwarding ceiling per router, each direction
    SourceLoc loc;
    [[nodiscard]] const Nic* nic_on(const std::string& network) const {
        for (const auto& [n, nic] : nics)
            if (n == network) return &nic;
        return nullptr;
    }
};

enum class ProtectionWhere { server, client, primary };
const char* where_name(ProtectionWhere w);

struct Protection {
    int k = 1;        // data chunks (erasure) ...
    int m = 0;        // ... parity chunks; replicas: k = 1, m = 0
    int replicas = 0; // 0: erasure coding
    ProtectionWhere where = ProtectionWhere::server;
    SourceLoc loc;
    [[nodiscard]] bool is_replication() const { return replicas > 0; }
    [[nodiscard]] int data_chunks() const { return is_replication() ? 1 : k; }          // k; 1 for replicas
    [[nodiscard]] int tolerated() const { return is_replication() ? replicas - 1 : m; } // failures a stripe survives
    [[nodiscard]] int width() const { return is_replication() ? replicas : k + m; }     // chunks or copies of a stripe
};

struct Drives {
    int count = 0; // per server
    Bytes capacity;
    BytesPerSecond read;
    BytesPerSecond write;
    double afr = 0;       // annual failure rate; 0: not given
    units::Seconds mttf;  // given instead of afr; 0: not given
    double ure = 0;       // unrecoverable read errors per bit read; 0: not given
    double field_afr = 0; // an annual failure rate seen in the field, for the sensitivity; 0: not given
    // What the drive is, for its delivered rates: none (the rates are used as given), hdd (positioning time
    // per chunk) or flash (a steady-state write rate below the burst figure).
    enum class Kind { unspecified, hdd, flash } kind = Kind::unspecified;
    double rpm = 7200;           // hdd
    units::Seconds seek{0.0085}; // hdd: average seek (nearline datasheets: about 8.5 ms)
    BytesPerSecond steady_write; // flash: preconditioned, post-cache write rate; 0: not given
    SourceLoc loc;
    [[nodiscard]] bool reliability_given() const { return afr > 0 || mttf.value() > 0; }
};

// How a failed drive is rebuilt: onto one spare drive, or declustered over many drives.
struct Rebuild {
    enum class Mode { spare, declustered } mode = Mode::declustered;
    double share = 0.5;   // of drive (and, for protection across servers, network) bandwidth rebuild may use
    int width = 0;        // drives that take part in a declustered rebuild; 0: all that can
    units::Seconds delay; // detection and mark-out before a rebuild starts; 0: at once
    // critical_first: stripes that lost the most chunks are repaired first (declustered only).
    enum class Priority { none, critical_first } priority = Priority::none;
    SourceLoc loc;
};

// Storage servers as failure units (protection across servers counts an outage as the loss of every chunk
// the server holds, until it returns or its data is rebuilt elsewhere; HA pairs charge its failover).
struct ServerFailures {
    double per_year = 0;    // outages per server per year; 0: not given
    units::Seconds reboot;  // an outage the server returns from with its drives
    units::Seconds replace; // an outage that ends with the server replaced
    double replaced = 0;    // share of outages that are replacements
    SourceLoc loc;
    [[nodiscard]] bool given() const { return per_year > 0; }
    // Hours one outage lasts on average.
    [[nodiscard]] double mean_outage_hours() const {
        return ((1 - replaced) * reboot.value() + replaced * replace.value()) / 3600;
    }
};

// Servers in failover pairs on shared dual-ported media (Lustre OSS pairs, ESS building blocks): servers
// 2i and 2i + 1 are partners; when one fails the other serves both halves after the failover time.
struct HighAvailability {
    enum class Mode { none, pair } mode = Mode::none;
    units::Seconds failover;
    SourceLoc loc;
    [[nodiscard]] bool pairs() const { return mode == Mode::pair; }
};

// Where new files go while some targets are degraded: over every target, so the slowest paces a
// bulk-synchronous writer (stripe-all), or only over the healthy ones (avoid-degraded, as Lustre's
// degraded-OST flag does).
enum class Allocator { stripe_all, avoid_degraded };

// The metadata service of a storage system: servers and the rate each sustains.
struct Metadata {
    int servers = 0;               // 0: not modelled
    double creates_per_second = 0; // per metadata server
    double opens_per_second = 0;   // per metadata server; 0: not given
    SourceLoc loc;
};

struct StorageSystem {
    std::string name;
    std::string kind; // informational: parallel-fs, object, nfs, block
    int servers = 0;
    Nic nic;
    BytesPerSecond limit_read;  // controller/PCIe/CPU ceiling, bytes the server sends to the network
    BytesPerSecond limit_write; // ... bytes the server receives from the network
    Drives drives;
    Protection protection;
    double fill_limit = 0.8;           // plan to fill at most this share of the protected capacity
    double spares = 0.0;               // share of raw capacity kept as distributed spare space
    double reserve = 0.0;              // share the file system reserves for itself (ldiskfs: 5%)
    Bytes io_size{16.0 * 1024 * 1024}; // file-system block or RPC size, split over a stripe's data chunks
    // Protection across servers: chunks of a stripe go to distinct servers (server), or are also spread over
    // the leaves the system hangs off (leaf), at most ceil((k+m) / leaves) behind any one leaf.
    // rack: over the racks of `per_rack` consecutive servers, at most ceil((k+m) / racks) in any one.
    enum class FailureDomain { server, leaf, rack } failure_domain = FailureDomain::server;
    int per_rack = 0; // servers per rack; 0: not given
    HighAvailability ha;
    Allocator allocator = Allocator::stripe_all;
    ServerFailures server_failures;
    // A second network for the servers' own traffic (Ceph's cluster network): the copies or chunks a server
    // forwards to others and rebuild traffic cross it on its own NIC ports; clients stay on the first.
    struct Cluster {
        std::string network;
        Nic nic;
        SourceLoc loc;
    };
    std::optional<Cluster> cluster;
    Rebuild rebuild;
    Metadata metadata;
    std::optional<Part> server_part, drive_part, enclosure_part; // from the catalog
    SourceLoc loc;
};

// How often the job is interrupted: one of a node MTBF, a job MTBF, or interruptions observed over a period.
struct Failures {
    units::Seconds node_mtbf; // set when given as node_mtbf
    units::Seconds job_mtbf;  // set when given as job_mtbf
    double interruptions = 0; // observed interruptions ...
    units::Seconds period;    // ... over this period ...
    int observed_nodes = 0;   // ... on this many nodes (0: the job's own nodes)
    SourceLoc loc;
};

// A node-local tier written synchronously and drained to the storage system in the background.
struct LocalTier {
    BytesPerSecond rate; // per node
    Bytes capacity;      // per node
    SourceLoc loc;
};

struct CheckpointWorkload {
    Bytes size;                      // given, or parameters x bytes_per_parameter
    double parameters = 0;           // 0: size given
    double bytes_per_parameter = 14; // bf16 weights + fp32 master weights + Adam m and v (docs/models.md, checkpoint size, files
                                     // and metadata time; [13], [49] in docs/references.md)
    int ranks_per_node = 1;
    int files_per_rank = 1;
    bool striped_directory = false;         // the files' directory is spread over every metadata server; else one serves it
    std::optional<units::Seconds> interval; // empty: Daly's optimum
    Failures failures;
    units::Seconds restart;         // detection and relaunch, before the checkpoint is read back
    std::optional<double> goodput;  // a target, inverted into a write-bandwidth requirement
    std::optional<LocalTier> local; // two-level checkpointing
    int keep = 0;                   // checkpoints retained; 0: no retention requirement
};

// Read demand of training: per accelerator, given as a rate, samples/s x sample size, or tokens/s x bytes/token.
struct DataLoadingWorkload {
    int accelerators_per_node = 1;
    BytesPerSecond per_accelerator;
    double samples_per_second = 0; // per accelerator, when given that way
    Bytes sample_size;
    double tokens_per_second = 0; // per accelerator, when given that way
    double bytes_per_token = 0;
    double samples_per_file = 1;                // files opened per second = samples/s / samples_per_file
    spec::Access access = spec::Access::random; // samples are read in a shuffled order
    std::optional<Bytes> dataset;               // becomes a usable-capacity requirement
};

struct Workload {
    std::string id;
    enum class Kind { checkpoint, data_loading } kind = Kind::checkpoint;
    std::string from; // compute group
    std::string to;   // storage system
    CheckpointWorkload checkpoint;
    DataLoadingWorkload data;
    SourceLoc loc;
};

// Requirements that run at the same time: the network is full duplex, drives and controllers are shared.
struct Concurrent {
    std::string id;
    std::vector<std::string> requirements;
    SourceLoc loc;
};

// A failure scenario: what is down. Counts per storage system, network or attached group.
struct Scenario {
    std::string id;
    std::vector<std::pair<std::string, int>> servers_down;      // storage system, servers
    std::vector<std::pair<std::string, int>> drives_down;       // storage system, drives per protection group
    std::vector<std::pair<std::string, int>> pool_drives_down;  // storage system, drives of one pool (one server's, or
                                                                // the system's when protection spans servers)
    std::vector<std::pair<std::string, int>> top_switches_down; // network, spines (2 tiers) or core switches (3 tiers)
    std::vector<std::pair<std::string, int>> leaves_down;       // attached group, leaves
    std::vector<std::pair<std::string, int>> racks_down;        // storage system, racks of its servers
    std::vector<std::pair<std::string, int>> routers_down;      // router group, routers
    SourceLoc loc;
};

// A count the architect left to archplan ("servers: auto"): the knob's spec path and where it was written.
struct AutoCount {
    std::string knob; // "storage.scratch.servers", "storage.scratch.server.drives.count", "storage.scratch.server.nic",
                      // "compute.gpu.storage_nic", "network.fabric.leaves.gpu.up"
    SourceLoc loc;
};

// A named alternative of the design for a review: knob paths (docs/spec.md, "Knob paths") set to other values.
struct Override {
    std::string path; // "network.storage-fabric.leaves.gpu.up"
    double value = 0; // a count, or a fraction for a share
    SourceLoc loc;
};
struct Variant {
    std::string name;
    std::vector<Override> set;
    SourceLoc loc;
};

// A rack's power feed: PDUs of `voltage` (line to line for three phases) and `current` per phase, loaded
// continuously to 80% of the breaker; with `feeds: 2` (A+B) one feed must carry the whole rack.
struct Pdu {
    double voltage = 0; // V
    double current = 0; // A
    int phases = 3;
    double power_factor = 1.0;
    bool power_factor_given = false;
    int feeds = 2;
    SourceLoc loc;
};

struct Facilities {
    std::optional<Pdu> pdu;
    int switches_per_rack = 0; // 0: network racks not counted
    // Per PDU domain (a compute group, a storage system, or "network"): the share of the summed peak the rack budget
    // is provisioned for (1.0 for a training hall, where every GPU peaks at once).
    std::vector<std::pair<std::string, double>> oversubscription;
    double pue = 0;         // 0: not given
    double electricity = 0; // USD per joule; 0: not given
    SourceLoc loc;
};

// A job that holds nodes away from production: a benchmark, a maintenance window. Its time is given, or for HPL
// found from the problem size: (2/3 n^3 + 2 n^2) / rmax.
struct Job {
    std::string name;
    int nodes = 0;
    units::Seconds time;   // given, or 0 with hpl_n
    double hpl_n = 0;      // HPL problem size N
    double rmax = 0;       // flop/s
    units::Seconds setup;  // added to each run
    double per_year = 1.0; // runs a year
    SourceLoc loc;
};

struct Finance {
    double node_hour = 0; // USD per node per second (written USD/h); 0: not given
    std::string as_of;    // the review's date, for stale prices: as given, else the day the spec was loaded (UTC)
    bool as_of_given = false;
    std::vector<Job> jobs;
    SourceLoc loc;
};

// A tenant of the shared system: the traffic it owns (bandwidth requirements whole, or a share of a compute group's
// nodes and so that share of every requirement from the group), the bandwidth guaranteed to it (floor) and the most
// it may take (ceiling), per direction. Floors are an admission check on the routed loads; a ceiling is the capacity
// of the tenant's own source edge (docs/models.md, tenants).
struct Tenant {
    std::string name;
    std::vector<std::string> requirements; // ids it owns whole (workload-derived ids included)
    std::string group;                     // or: the compute group it has a share of
    double fraction = 0;                   // that share of the group's nodes
    struct PerDirection {
        std::optional<BytesPerSecond> read, write;
        std::optional<BytesPerSecond> any; // given as one figure: the direction(s) of its traffic (set by the loader)
        SourceLoc loc;
        [[nodiscard]] const std::optional<BytesPerSecond>& of(Direction d) const { return d == Direction::read ? read : write; }
    };
    PerDirection floor, ceiling; // a direction not given: no floor (best effort), no ceiling
    SourceLoc loc;
};

struct Spec {
    std::string file;
    std::string name;
    double margin = 0.0; // design margin: a requirement is met when achievable >= required x (1 + margin)
    std::vector<BandwidthRequirement> bandwidth;
    std::vector<CapacityRequirement> capacity;
    std::vector<DurabilityRequirement> durability;
    std::vector<ComputeGroup> compute;
    std::vector<Network> networks;
    std::vector<StorageSystem> storage;
    std::vector<RouterGroup> routers;
    std::vector<Workload> workloads;
    std::vector<Concurrent> concurrent;
    std::vector<Scenario> scenarios;
    bool default_scenarios = true; // one server, one drive per group, one spine or core, one leaf of each shape
    std::vector<AutoCount> autos;  // in the order written; the loader leaves a placeholder value in each
    std::vector<Variant> variants; // for `archplan compare`; a run analyses the design as written
    std::vector<Tenant> tenants;   // empty: one tenant, nothing to share
    Facilities facilities;
    Finance finance;
    std::string catalog; // the catalog's name, for the reports

    [[nodiscard]] const ComputeGroup* find_compute(const std::string& name) const;
    [[nodiscard]] const StorageSystem* find_storage(const std::string& name) const;
    [[nodiscard]] const Network* find_network(const std::string& name) const;
    [[nodiscard]] const RouterGroup* find_router(const std::string& name) const;
    // The NIC ports an attached group has on `network`: a compute group's storage NIC, a storage system's NIC (its
    // cluster NIC on its cluster network), a router group's NIC there; null for a name that is none of them.
    [[nodiscard]] const Nic* nic_on(const std::string& group, const std::string& network) const;
    // Endpoints of an attached group: nodes, servers or routers; 0 for a name that is none of them.
    [[nodiscard]] int endpoints_of(const std::string& group) const;
};

struct LoadResult {
    std::optional<Spec> spec; // set only when there are no diagnostics
    Diagnostics diagnostics;
};

// Parses and validates YAML text; `file` names it in diagnostics. Parts are looked up in `catalog` (the shipped one
// unless given), extended by the spec's own `parts:`.
LoadResult load_string(const std::string& text, const std::string& file);
LoadResult load_string(const std::string& text, const std::string& file, const Catalog& catalog);

} // namespace archplan::spec
