// Finance: capital cost per team from the bill of materials and the catalog's prices, cost per usable PB and per
// GB/s, energy per year, and the price of node time not computing (checkpoint stalls, restarts and lost work,
// failover stalls, benchmark and maintenance jobs) (docs/models.md, facilities and finance).
#include "derive_internal.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/facilities.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace archplan::derive {

namespace facilities = analysis::facilities;
using units::format_count;
using units::format_money;

namespace {

// Capital cost of one team, line by line.
struct Ledger {
    double total = 0;
    std::vector<std::string> terms;        // "2,048 x $300,000 (dgx-h100)"
    std::vector<std::string> missing;      // what has no price
    std::vector<const spec::Part*> priced; // in the order first priced (the caveats list them so)

    void add(double count, const std::optional<spec::Part>& part, const std::string& what) {
        if (count <= 0) return;
        if (!part || !part->price.given) {
            missing.push_back(part ? fmt::format("{} ({} has no price)", what, part->name) : fmt::format("{} (no part)", what));
            return;
        }
        total += count * part->price.value;
        terms.push_back(fmt::format("{} {} x {} ({})", format_count(count), what, format_money(part->price.value), part->name));
        if (std::none_of(priced.begin(), priced.end(), [&](const spec::Part* p) { return p->name == part->name; }))
            priced.push_back(&*part);
    }
    [[nodiscard]] std::string how() const {
        std::string s;
        for (const auto& t : terms) s += (s.empty() ? "" : " + ") + t;
        if (s.empty()) s = "nothing priced";
        return s;
    }
};

double inventory_count(const document::Report& rep, const std::string& owner, const std::string& item,
                       const std::string& kind_prefix = {}) {
    double n = 0;
    for (const auto& i : rep.inventory)
        if (i.owner == owner && i.item == item && i.kind.rfind(kind_prefix, 0) == 0) n += i.count;
    return n;
}

std::string per_year_how(double per_year) { return per_year == 1.0 ? "once a year" : fmt::format("{} a year", exact(per_year)); }

} // namespace

void derive_finance(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep) {
    Ledger compute, network, storage;
    for (const auto& c : spec.compute) {
        compute.add(c.count, c.part, fmt::format("'{}' nodes", c.name));
        if (c.nic_part) {
            int per_card = std::max(1, static_cast<int>(c.nic_part->ports.value));
            compute.add(static_cast<double>(c.count) * ((c.storage_nic.ports + per_card - 1) / per_card), c.nic_part,
                        fmt::format("'{}' NIC cards", c.name));
        }
    }
    for (const auto& net : spec.networks) {
        double switches = 0;
        for (const auto& i : rep.inventory)
            if (i.owner == net.name && i.item.find("switch") != std::string::npos && i.item != "switch-to-switch link")
                switches += i.count;
        network.add(switches, net.switch_part, fmt::format("'{}' switches", net.name));
        network.add(inventory_count(rep, net.name, "transceiver"), net.optic_part, fmt::format("'{}' optics", net.name));
        network.add(inventory_count(rep, net.name, "endpoint cable", "DAC"), net.dac_part,
                    fmt::format("'{}' copper cables", net.name));
        network.add(inventory_count(rep, net.name, "endpoint cable", "active optical"), net.aoc_part,
                    fmt::format("'{}' active optical cables", net.name));
        network.add(inventory_count(rep, net.name, "switch-to-switch link", "dragonfly local"), net.dac_part,
                    fmt::format("'{}' local copper links", net.name));
    }
    for (const auto& s : spec.storage) {
        storage.add(s.servers, s.server_part, fmt::format("'{}' servers", s.name));
        storage.add(static_cast<double>(s.servers) * s.drives.count, s.drive_part, fmt::format("'{}' drives", s.name));
        if (s.ha.pairs()) storage.add(s.servers / 2.0, s.enclosure_part, fmt::format("'{}' shared enclosures", s.name));
    }
    bool any_part = !compute.priced.empty() || !network.priced.empty() || !storage.priced.empty();
    if (any_part) {
        SectionBuilder b("finance/capital", SectionKind::capital, "system", "every part with a price");
        b.add("compute capital", compute.total, Unit::usd, compute.how());
        b.add("network capital", network.total, Unit::usd, network.how());
        b.add("storage capital", storage.total, Unit::usd, storage.how());
        double total = compute.total + network.total + storage.total;
        b.add("capital cost", total, Unit::usd,
              fmt::format("{} + {} + {}", format_money(compute.total), format_money(network.total), format_money(storage.total)),
              true);
        double usable = 0;
        for (const auto& s : spec.storage) usable += analysis::capacity_stages(s, s.servers).usable.value();
        if (usable > 0) {
            b.add("capital per usable PB", total / usable, Unit::usd_per_byte,
                  fmt::format("{} / {} usable", format_money(total), size(usable)));
            b.add("storage capital per usable PB", storage.total / usable, Unit::usd_per_byte,
                  fmt::format("{} / {} usable", format_money(storage.total), size(usable)));
        }
        for (const auto& q : rep.requirements)
            if (q.is_bandwidth() && q.achievable.value > 0) {
                b.add(q.id + ": capital per GB/s", total / q.achievable.value, Unit::usd_per_rate,
                      fmt::format("{} / {} achievable", format_money(total), rate(q.achievable.value)));
                b.add(q.id + ": storage and network capital per GB/s", (storage.total + network.total) / q.achievable.value,
                      Unit::usd_per_rate,
                      fmt::format("({} + {}) / {} achievable", format_money(storage.total), format_money(network.total),
                                  rate(q.achievable.value)));
            }
        std::vector<std::string> missing = compute.missing;
        missing.insert(missing.end(), network.missing.begin(), network.missing.end());
        missing.insert(missing.end(), storage.missing.begin(), storage.missing.end());
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        if (!list.empty()) b.caveat("not priced, so not in these figures: " + list);
        // How far to trust the prices: placeholders, and quotes more than a year older than the review.
        std::vector<const spec::Part*> all = compute.priced;
        all.insert(all.end(), network.priced.begin(), network.priced.end());
        all.insert(all.end(), storage.priced.begin(), storage.priced.end());
        std::string illustrative, stale;
        auto review = spec::day_number(spec.finance.as_of);
        for (const auto* p : all) {
            if (p->price.illustrative) illustrative += (illustrative.empty() ? "" : ", ") + p->name;
            auto when = spec::day_number(p->price.as_of);
            if (review && when && *review - *when > 365)
                stale += fmt::format("{}{} ({})", stale.empty() ? "" : ", ", p->name, p->price.as_of);
        }
        if (!illustrative.empty()) b.caveat("illustrative prices (no public source; replace them with quotes): " + illustrative);
        if (!stale.empty())
            b.caveat(fmt::format("prices more than a year older than the review date {}{}: {}", spec.finance.as_of,
                                 spec.finance.as_of_given ? "" : " (today; set finance.as_of)", stale));
        rep.finance.push_back(std::move(b.section));
    }

    // Energy: the nominal draw all year, through the facility's PUE.
    double nominal = 0;
    for (const auto& r : rep.power) nominal += r.nominal.value;
    if (nominal > 0 && spec.facilities.pue > 0 && spec.facilities.electricity > 0) {
        SectionBuilder b("finance/running", SectionKind::running, "system", "energy at nominal power");
        double cost = facilities::energy_cost_per_year(nominal, spec.facilities.pue, spec.facilities.electricity);
        b.add("energy cost per year", cost, Unit::usd,
              fmt::format("{} nominal x 8,760 h x PUE {} x {}/kWh", units::format_power(nominal), exact(spec.facilities.pue),
                          format_money(spec.facilities.electricity * 3.6e6)),
              true);
        if (!rep.unpowered.empty()) b.caveat("element classes without a part draw no power in this figure");
        rep.finance.push_back(std::move(b.section));
    }

    // Node time not computing, at the price of a node-hour.
    double price = spec.finance.node_hour; // USD per node-second
    if (price <= 0) return;
    std::string hour = fmt::format("{}/node-hour", format_money(price * 3600));
    constexpr double year = facilities::k_seconds_per_year;
    SectionBuilder b("finance/opportunity", SectionKind::opportunity, "system", "node time not computing");
    double total = 0;
    for (const auto& cr : a.workloads.checkpoints) {
        const auto& id = spec.workloads[cr.workload].id;
        double nodes = cr.nodes, tau = cr.interval.value();
        double blocking = cr.two_level ? cr.blocking.value() : cr.dump_time.value() - cr.dump_stall.value();
        double stall = facilities::node_time_cost(nodes, blocking * year / tau, price);
        b.add(id + ": checkpoint stalls per year", stall, Unit::usd,
              fmt::format("{} nodes x {} x {} blocking x (8,760 h / {} interval = {} checkpoints)", format_count(nodes), hour,
                          dur(blocking), dur(tau), units::format_sig(year / tau)));
        double failures = year / cr.job_mtbf.value();
        double restart = cr.restart_total.value() - cr.restart_stall.value();
        double lost = facilities::node_time_cost(nodes, failures * (restart + tau / 2), price);
        b.add(id + ": restarts and lost work per year", lost, Unit::usd,
              fmt::format("{} nodes x {} x (8,760 h / {} job MTBF = {} failures) x ({} restart + {} / 2 work lost)",
                          format_count(nodes), hour, dur(cr.job_mtbf.value()), units::format_sig(failures), dur(restart),
                          dur(tau)));
        total += stall + lost;
        if (cr.failover.value() > 0 && !cr.failover_uncharged) {
            double seconds = cr.dump_stall.value() * year / tau + cr.restart_stall.value() * failures;
            double failover = facilities::node_time_cost(nodes, seconds, price);
            b.add(id + ": failover stalls per year", failover, Unit::usd,
                  fmt::format("{} nodes x {} x ({} per checkpoint x {} + {} per restart x {})", format_count(nodes), hour,
                              dur(cr.dump_stall.value()), units::format_sig(year / tau), dur(cr.restart_stall.value()),
                              units::format_sig(failures)));
            total += failover;
        }
    }
    for (const auto& j : spec.finance.jobs) {
        double run = j.hpl_n > 0 ? facilities::hpl_seconds(j.hpl_n, j.rmax) : j.time.value();
        if (j.hpl_n > 0)
            b.add(j.name + ": run time", run, Unit::seconds,
                  fmt::format("(2/3 x {}^3 + 2 x {}^2) / {} Tflop/s Rmax", units::format_count(j.hpl_n),
                              units::format_count(j.hpl_n), exact(j.rmax / 1e12)));
        double cost = facilities::node_time_cost(j.nodes, (run + j.setup.value()) * j.per_year, price);
        auto time = j.setup.value() > 0 ? fmt::format("({} + {} setup)", dur(run), dur(j.setup.value())) : dur(run);
        b.add(j.name + ": per year", cost, Unit::usd,
              fmt::format("{} nodes x {} x {} x {}", format_count(j.nodes), hour, time, per_year_how(j.per_year)));
        total += cost;
    }
    if (b.section.figures.empty()) return;
    b.add("opportunity cost per year", total, Unit::usd, "the sum of the per-year figures above", true);
    rep.finance.push_back(std::move(b.section));
}

} // namespace archplan::derive
