// Durability of a storage system: rebuild time, MTTDL of a protection group, annual loss probability
// and nines, and what would meet a nines target. Reference: docs/models.md, durability; [39], [40], [43] in docs/references.md.
#pragma once

#include "archplan/spec/spec.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace archplan::analysis {

// MTTDL (hours) of one group of n devices tolerating m failures, device MTTF and repair time in hours
// (one repair at a time; docs/models.md, durability; [40] in docs/references.md): MTTF^(m+1) / (n (n-1) ... (n-m) MTTR^m).
double group_mttdl_hours(int n, int m, double mttf_hours, double mttr_hours);

// Annual probability of a loss event among `groups` independent groups: 1 - exp(-8760 / (MTTDL / groups)).
double annual_loss_probability(double group_mttdl_hours, double groups);

// -log10(p); capped at 30 for p == 0.
double nines_of(double probability);

// Rate of loss events (per hour) of one pool of D drives in which any m + 1 overlapping failures lose
// data (docs/models.md, durability): (D / MTTF) x prod_{i=1..m} (S - i + 1) T_i / MTTF, with S the
// scatter width (drives sharing stripes with a drive) and T_i the window in which the (i+1)-th failure
// is fatal. A clustered group (D = n, S = n - 1, T_i = MTTR) gives 1 / group_mttdl_hours.
double pool_loss_rate(double pool_drives, double scatter, const std::vector<double>& windows_hours, double mttf_hours);

// The share of a pool's stripes that `failed` given drives all hold a chunk of: C(D - f, n - f) / C(D, n).
double stripe_share_lost(double pool_drives, int n, int failed);

// Seconds to rebuild `bytes` declustered over `drives`: each reads k bytes and writes 1 per byte rebuilt, within
// the rebuild share of its time (docs/models.md, durability).
double declustered_rebuild_seconds(const spec::StorageSystem& s, int k, double bytes, double drives);
// Seconds to rebuild one drive's `bytes` onto one spare drive, which writes them at share x min(read, write).
double spare_rebuild_seconds(const spec::StorageSystem& s, double bytes);

// Payload of one server's NIC ports at the rate the attached fabric runs them (its cluster NIC on the cluster network,
// when it has one: rebuild traffic crosses it); without the spec, line rate.
double server_nic_payload(const spec::Spec* spec, const spec::StorageSystem& s);

// Rebuilding what `down` servers held onto the survivors (protection across servers): declustered over the
// survivors' drives (at most rebuild.width of them), each receiver fetching k chunks per rebuilt byte through
// its share of the NIC; with a spare per group, each lost drive onto its spare.
struct ServerRebuild {
    double bytes = 0;
    double seconds = 0; // the larger of the two below
    bool network_bound = false;
    double drives = 0;          // the drives the rebuild spreads over (1: each lost drive onto its spare)
    double receivers = 0;       // servers taking the rebuilt bytes in through their NIC share
    double drive_seconds = 0;   // what the drives take
    double network_seconds = 0; // what the NIC shares take
    double nic_payload = 0;     // bytes/s of one server's NIC ports it crosses (the cluster NIC's, with one)
};
ServerRebuild server_rebuild(const spec::Spec* spec, const spec::StorageSystem& s, int down);

struct DurabilityResult {
    std::size_t storage = 0;    // index into the spec's storage systems (0 when analysed without the spec)
    bool modelled = false;      // drive reliability given
    int n = 0, m = 0;           // stripe width and failures tolerated
    int k = 1;                  // data chunks per stripe (1 for replication)
    double mttf_hours = 0;      // per drive: given, or 8760 h / AFR
    double drives = 0;          // in the system
    double pool_drives = 0;     // D: drives whose failures can meet in one stripe (a group, a server, the system)
    double pools = 0;           // drives / D, independent of each other
    double scatter = 0;         // S: drives sharing stripes with a given drive
    double used_bytes = 0;      // per drive: capacity x fill limit
    double rebuild_rate = 0;    // bytes/s one failed drive is rebuilt at
    double rebuild_hours = 0;   // used bytes / rebuild rate
    int rebuild_drives = 0;     // drives that take part (declustered)
    bool network_bound = false; // the rebuild is capped by the network share, not the drives
    double delay_hours = 0;     // detection and mark-out before a rebuild starts
    bool critical_first = false;
    std::vector<double> window_hours; // T_1 .. T_m
    double pool_mttdl_hours = 0;      // 1 / pool_loss_rate
    double annual_loss = 0;           // probability of a loss event in a year, in the whole system
    double nines = 0;
    double nines_twice_afr = 0;        // the same at twice the drives' failure rate
    std::optional<double> nines_field; // at the field failure rate the spec states
    double share_lost_per_event = 0;   // of one pool's stripes (m + 1 failed drives)
    double bytes_lost_per_event = 0;   // user bytes
    double bytes_lost_per_year = 0;    // expected: loss events per year x bytes per event
    double ure_probability = 0;        // of an unrecoverable read error while reading one rebuild's sources

    // Server outages as a failure class of their own (protection across servers, server failures given). A
    // replacement takes every chunk the server holds until its data is rebuilt elsewhere: a loss class. A reboot
    // brings its chunks back: it makes data unreadable, never lost, so it counts toward unavailability only.
    bool server_class = false;
    double server_rate_hours = 0;             // replacements per server per hour (the loss class)
    double pool_servers = 0;                  // N_p: servers a pool spans
    double server_drives = 0;                 // drives of one pool on one server (a server element counts as that many drives)
    double server_rebuild_hours = 0;          // rebuilding one server's data on the others
    ServerRebuild server_rebuild;             // ... and how that time was found
    double server_window_hours = 0;           // U_1 of a replacement: min(replace time, delay + rebuild)
    std::vector<double> server_windows_hours; // U_1 .. U_m: after U_1, min(U_1, T_i)
    double nines_drives_only = 0;             // the nines without server replacements
    // Unavailability: every outage (reboots too) with the mean window over reboots and replacements.
    double outage_rate_hours = 0;    // outages per server per hour
    double outage_window_hours = 0;  // mean of min(outage, delay + rebuild) over reboots and replacements
    double unavailable_per_year = 0; // probability a year that some data is unreadable for a while
};

// Without the spec the network cap of a rebuild across servers uses the NIC's line rate; with it, the
// payload rate of the fabric the system is attached to.
DurabilityResult analyse_durability(const spec::StorageSystem& s);
DurabilityResult analyse_durability(const spec::Spec& spec, const spec::StorageSystem& s);

// Against a target: met, and otherwise what single change meets it, each found on the model.
struct DurabilityCheck {
    std::size_t requirement = 0; // index into the spec's durability requirements
    DurabilityResult result;
    bool met = false;
    std::optional<int> parity_needed;           // the smallest m that meets it, rebuild unchanged
    std::optional<double> rebuild_hours_needed; // the longest rebuild that meets it (the delay unchanged)
    std::optional<double> share_needed;         // the rebuild share that gives that rebuild, if at most 100%
    std::optional<double> critical_first_nines; // nines with critical-first rebuild, if declustered without it
    std::optional<double> delay_hours_needed;   // the longest detection delay that meets it, if there is a delay
    std::optional<double> declustered_nines;    // nines with declustered rebuild, if the design uses a spare
};

DurabilityCheck check_durability(const spec::Spec& spec, std::size_t index);

} // namespace archplan::analysis
