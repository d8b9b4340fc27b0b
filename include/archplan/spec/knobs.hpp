// The knob table: every value that sizing, the fix search, variants and sweeps may change, by its
// dotted spec path. The one place that builds or reads knob paths.
#pragma once

#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace archplan::spec {

// In sizing order: `auto` counts are sized servers first, then drives, server NIC ports, leaf uplinks and
// compute NIC ports.
enum class KnobKind {
    storage_servers,     // storage.<system>.servers
    drives_per_server,   // storage.<system>.server.drives.count
    server_nic_ports,    // storage.<system>.server.nic
    leaf_uplinks,        // network.<network>.leaves.<group>.up
    compute_nic_ports,   // compute.<group>.storage_nic
    aggregation_uplinks, // network.<network>.aggregation.up (three tiers)
    protection_parity,   // storage.<system>.protection.parity: parity chunks, or replicas - 1
    rebuild_share,       // storage.<system>.rebuild.share: a fraction of drive (and network) bandwidth
    protection_data,     // storage.<system>.protection.data: data chunks k of an erasure code (8+2 -> 16+2)
};

struct Knob {
    KnobKind kind = KnobKind::storage_servers;
    std::string path; // "storage.scratch.servers"
    std::string what; // "servers of 'scratch'"
    std::string unit; // what one step counts: "servers", "drives", "ports", "uplinks", "chunks"; "share" for a fraction
    double lo = 1;    // the loader's bounds; for uplinks the upper bound is also what the radix leaves
    double hi = 1;
    std::size_t owner = 0; // index of the storage system, compute group or network
    std::size_t shape = 0; // index of the leaf shape, for leaf uplinks

    [[nodiscard]] bool is_count() const { return kind != KnobKind::rebuild_share; }
    [[nodiscard]] double get(const Spec& spec) const;
    // Sets the value (a count is rounded to the nearest whole number, then to what the design allows:
    // servers in failover pairs come in twos); the caller keeps it within [lo, hi].
    void set(Spec& spec, double value) const;
    // The count set() makes of `value`.
    [[nodiscard]] int settable(const Spec& spec, int value) const;
};

// The path of a knob; `shape` is the attached group, for leaf uplinks only.
std::string knob_path(KnobKind kind, std::string_view owner, std::string_view shape = {});

// Every knob of this spec, in spec order: storage systems, compute groups, networks.
std::vector<Knob> knobs(const Spec& spec);

// The knob at `path`; when there is none, `nearest` is the closest valid path ("" when none is close).
struct KnobLookup {
    std::optional<Knob> knob;
    std::string nearest;
};
KnobLookup find_knob(const Spec& spec, std::string_view path);

// The spec as variant `v` has it: each override set through its knob (which the loader has checked); a knob the
// base left `auto` is then the variant's value, not sized. The variants list of the result is empty.
Spec with_variant(const Spec& base, const Variant& v);

} // namespace archplan::spec
