// Facilities: power per element class from the parts catalog (nodes and NIC cards; switches bottom-up as base +
// optical ports x optic; active cables; servers as base + drives x drive, or enclosures for failover pairs), racks
// of each PDU domain against the feed's budget, and a checkpoint's drop in power (docs/models.md, facilities).
#include "derive_internal.hpp"

#include "archplan/analysis/analysis.hpp"
#include "archplan/analysis/facilities.hpp"

#include <cmath>
#include <fmt/format.h>
#include <map>

namespace archplan::derive {

namespace facilities = analysis::facilities;
using document::PowerRow;
using units::format_count;
using units::format_power;

namespace {

// The four figures of one element, in W.
struct Watts {
    double nameplate = 0, peak = 0, nominal = 0, idle = 0;
    Watts& operator+=(const Watts& o) {
        nameplate += o.nameplate, peak += o.peak, nominal += o.nominal, idle += o.idle;
        return *this;
    }
};
Watts watts_of(const spec::Part& p) {
    return {p.power.nameplate.value, p.power.peak.value, p.power.nominal.value, p.power.idle.value};
}
Watts operator*(const Watts& w, double k) { return {w.nameplate * k, w.peak * k, w.nominal * k, w.idle * k}; }

std::string four(const Watts& w) {
    return fmt::format("{} / {} / {} / {}", format_power(w.nameplate), format_power(w.peak), format_power(w.nominal),
                       format_power(w.idle));
}

struct Builder {
    const spec::Spec& spec;
    document::Report& rep;
    std::map<std::string, double> peak_each; // per PDU domain: the peak of one rack element (a node, a server, a switch)
    double all_switches = 0;                 // every switch with a part, for the network racks
    std::string heaviest_switch;             // how the network racks' peak per switch was found

    void row(const std::string& domain, const std::string& element, double count, const Watts& each_total,
             std::string derivation) {
        PowerRow r;
        r.key = fmt::format("facilities/power/{}/{}", document::key_part(domain), document::key_part(element));
        r.element = element;
        r.domain = domain;
        r.count = count;
        r.nameplate = {each_total.nameplate, Unit::watts};
        r.peak = {each_total.peak, Unit::watts};
        r.nominal = {each_total.nominal, Unit::watts};
        r.idle = {each_total.idle, Unit::watts};
        r.derivation = std::move(derivation);
        rep.power.push_back(std::move(r));
    }

    void compute(const spec::ComputeGroup& c) {
        if (!c.part) {
            rep.unpowered.push_back(fmt::format("'{}' nodes (no node part)", c.name));
            return;
        }
        Watts each = watts_of(*c.part);
        std::string how = fmt::format("{} nodes x {} ({}: nameplate / peak / nominal / idle {})", format_count(c.count),
                                      c.part->name, c.part->name, four(each));
        row(c.name, fmt::format("'{}' nodes ({})", c.name, c.part->name), c.count, each * c.count, how);
        peak_each[c.name] = each.peak;
        if (c.nic_part) {
            int per_card = std::max(1, static_cast<int>(c.nic_part->ports.value));
            int cards = (c.storage_nic.ports + per_card - 1) / per_card;
            Watts nic = watts_of(*c.nic_part) * cards;
            row(c.name, fmt::format("'{}' storage NIC cards ({})", c.name, c.nic_part->name),
                static_cast<double>(cards) * c.count, nic * c.count,
                fmt::format("{} nodes x ceil({} ports / {} per card) = {} cards x {}", format_count(c.count), c.storage_nic.ports,
                            per_card, format_count(static_cast<double>(cards) * c.count),
                            format_power(c.nic_part->power.peak.value)));
            peak_each[c.name] += nic.peak;
        }
    }

    // Switch classes of one network: each switch's base power plus its optical ports x the optic.
    void network(const spec::Network& net, const model::FabricSummary& fab) {
        if (!net.switch_part) {
            rep.unpowered.push_back(fmt::format("switches of '{}' (no switch part)", net.name));
            return;
        }
        const auto& sw = *net.switch_part;
        Watts optic = net.optic_part ? watts_of(*net.optic_part) : Watts{};
        if (!net.optic_part) rep.unpowered.push_back(fmt::format("optical transceivers of '{}' (no optic part)", net.name));
        auto tier = [&](const std::string& element, double switches, double optical_ports, const std::string& ports_how) {
            if (switches <= 0) return;
            all_switches += switches;
            Watts all = watts_of(sw) * switches;
            all += optic * optical_ports;
            row("network", fmt::format("{} of '{}' ({})", element, net.name, sw.name), switches, all,
                fmt::format("{} switches x {} base ({}) + {} optical ports x {} ({}) = {} peak{}", format_count(switches),
                            format_power(sw.power.peak.value), sw.name, format_count(optical_ports), format_power(optic.peak),
                            net.optic_part ? net.optic_part->name : "no optic part", format_power(all.peak),
                            ports_how.empty() ? "" : "; " + ports_how));
            double per_switch = sw.power.peak.value + optic.peak * optical_ports / switches;
            if (per_switch > peak_each["network"])
                heaviest_switch = fmt::format("the heaviest switch, one of the {}: {} + {} / {} optical ports x {}", element,
                                              format_power(sw.power.peak.value), format_count(optical_ports),
                                              format_count(switches), format_power(optic.peak));
            peak_each["network"] = std::max(peak_each["network"], per_switch);
        };
        double leaves = 0;
        for (auto n : fab.leaves_per_shape) leaves += n;
        if (fab.dragonfly) {
            tier("switches", static_cast<double>(fab.groups) * fab.switches_per_group,
                 2.0 * static_cast<double>(fab.global_links), "2 optics per global link");
        } else if (fab.tiers == 1) {
            tier("switch", leaves, 0, "endpoint cables only");
        } else if (fab.tiers == 2) {
            auto up = static_cast<double>(fab.leaf_up_links);
            tier("leaf switches", leaves, up, "one optic per uplink");
            tier("spine switches", fab.spines, up, "one optic per leaf link");
        } else {
            auto up = static_cast<double>(fab.leaf_up_links), agg_up = static_cast<double>(fab.agg_up_links);
            tier("leaf switches", leaves, up, "one optic per uplink");
            tier("aggregation switches", fab.aggregations, up + agg_up, "one optic per leaf link and per core link");
            tier("core switches", fab.cores, agg_up, "one optic per aggregation link");
        }
        // Active optical endpoint cables draw power at both ends; copper does not.
        for (const auto& item : rep.inventory) {
            if (item.owner != net.name || item.item != "endpoint cable") continue;
            bool aoc = item.kind.rfind("active optical", 0) == 0;
            const auto& part = aoc ? net.aoc_part : net.dac_part;
            if (!part) {
                if (aoc) rep.unpowered.push_back(fmt::format("active optical cables of '{}' (no aoc part)", net.name));
                continue;
            }
            if (part->power.peak.value <= 0) continue;
            auto group = item.key.substr(item.key.rfind("endpoint-cable-") + 15); // the attached group's key part
            row("network", fmt::format("active optical cables of '{}' to '{}' ({})", net.name, group, part->name), item.count,
                watts_of(*part) * item.count,
                fmt::format("{} cables x {}", format_count(item.count), format_power(part->power.peak.value)));
        }
    }

    void storage(const spec::StorageSystem& s) {
        if (!s.server_part) {
            rep.unpowered.push_back(fmt::format("'{}' servers (no server part)", s.name));
            return;
        }
        Watts base = watts_of(*s.server_part);
        Watts drive = s.drive_part ? watts_of(*s.drive_part) : Watts{};
        if (!s.drive_part) rep.unpowered.push_back(fmt::format("'{}' drives (no drive part)", s.name));
        std::string drive_name = s.drive_part ? s.drive_part->name : "no drive part";
        bool shared = s.ha.pairs() && s.enclosure_part;
        if (!shared) {
            Watts each = base;
            each += drive * s.drives.count;
            row(s.name, fmt::format("'{}' servers ({} + {} drives)", s.name, s.server_part->name, s.drives.count), s.servers,
                each * s.servers,
                fmt::format("{} servers x ({} base + {} drives x {} ({})) = {} peak each", format_count(s.servers),
                            format_power(base.peak), s.drives.count, format_power(drive.peak), drive_name,
                            format_power(each.peak)));
            peak_each[s.name] = each.peak;
            return;
        }
        // Failover pairs: the drives sit in the pair's shared enclosure.
        double enclosures = s.servers / 2.0;
        row(s.name, fmt::format("'{}' servers ({})", s.name, s.server_part->name), s.servers, base * s.servers,
            fmt::format("{} servers x {} base, drives in the shared enclosures", format_count(s.servers),
                        format_power(base.peak)));
        Watts enc = watts_of(*s.enclosure_part);
        enc += drive * (2.0 * s.drives.count);
        row(s.name, fmt::format("'{}' enclosures ({} + {} drives)", s.name, s.enclosure_part->name, 2 * s.drives.count),
            enclosures, enc * enclosures,
            fmt::format("{} pairs x ({} base + 2 x {} drives x {} ({})) = {} peak each", format_count(enclosures),
                        format_power(s.enclosure_part->power.peak.value), s.drives.count, format_power(drive.peak), drive_name,
                        format_power(enc.peak)));
        peak_each[s.name] = base.peak + enc.peak / 2; // one server and half its pair's enclosure
    }
};

double factor_of(const spec::Spec& spec, const std::string& domain) {
    for (const auto& [d, f] : spec.facilities.oversubscription)
        if (d == domain) return f;
    return 1.0;
}

std::string pdu_text(const spec::Pdu& p) {
    return fmt::format("{}{} V x {} A x 0.8 (continuous) x power factor {}{}", p.phases == 3 ? "sqrt(3) x " : "",
                       exact(p.voltage), exact(p.current), exact(p.power_factor), p.power_factor_given ? "" : " (not given)");
}

// One PDU domain's racks: how many, what one draws at peak (times the oversubscription factor), against the feed.
void racks(const spec::Spec& spec, const std::string& domain, const std::string& what, double count, int per_rack,
           double peak_each, document::Report& rep, const std::string& each_how = {}) {
    if (per_rack <= 0 || peak_each <= 0) return;
    SectionBuilder b("facilities/racks/" + document::key_part(domain), SectionKind::racks, domain, what);
    double racks = std::ceil(count / per_rack);
    b.add("racks", racks, Unit::count, fmt::format("ceil({} {} / {} per rack)", format_count(count), what, per_rack), true);
    double factor = factor_of(spec, domain);
    // A domain smaller than one rack fills only what it has.
    int in_rack = static_cast<int>(std::min<double>(per_rack, count));
    double load = in_rack * peak_each * factor;
    b.add("rack load at peak", load, Unit::watts,
          fmt::format("{} per rack x {} peak each{} x oversubscription {}{}", in_rack, format_power(peak_each),
                      each_how.empty() ? "" : " (" + each_how + ")", exact(factor),
                      factor == 1.0 ? " (every element at its peak at once, as in a training hall)" : ""));
    if (!spec.facilities.pdu) {
        b.caveat("no 'facilities.pdu' given: the rack budget is not checked");
        rep.facilities.push_back(std::move(b.section));
        return;
    }
    const auto& pdu = *spec.facilities.pdu;
    double budget = facilities::pdu_watts(pdu);
    b.add("rack budget", budget, Unit::watts,
          fmt::format("{} = {}{}", pdu_text(pdu), format_power(budget),
                      pdu.feeds == 2 ? "; A+B feeds: one feed must carry the whole rack" : ""));
    b.add("PDUs", racks * pdu.feeds, Unit::count, fmt::format("{} racks x {} feeds", format_count(racks), pdu.feeds));
    b.add("rack headroom", budget / load - 1, Unit::share, fmt::format("{} / {} - 1", format_power(budget), format_power(load)));
    if (load > budget * (1 + 1e-9)) {
        int fits = facilities::fits_per_rack(budget, peak_each, factor);
        rep.racks_over_budget.push_back(domain);
        if (fits == 0)
            b.result(fmt::format("OVER BUDGET: one element ({} peak) alone exceeds the {} feed; it needs a larger feed",
                                 format_power(peak_each * factor), format_power(budget)));
        else
            b.result(fmt::format("OVER BUDGET: {} per rack draw {} against {}; at most {} fit, so move {} per rack: "
                                 "ceil({} / {}) = {} racks ({} more)",
                                 in_rack, format_power(load), format_power(budget), fits, in_rack - fits, format_count(count),
                                 fits, format_count(std::ceil(count / fits)), format_count(std::ceil(count / fits) - racks)));
    } else {
        b.result(fmt::format("{} racks of {} per rack fit the {} feed ({} at peak)", format_count(racks), in_rack,
                             format_power(budget), format_power(load)));
    }
    rep.facilities.push_back(std::move(b.section));
}

} // namespace

void derive_facilities(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a, document::Report& rep) {
    Builder b{spec, rep, {}, 0, {}};
    for (const auto& c : spec.compute) b.compute(c);
    for (const auto& fab : g.fabrics()) b.network(*spec.find_network(fab.name), fab);
    for (const auto& s : spec.storage) b.storage(s);
    if (rep.power.empty()) return; // no parts named: nothing to say

    Watts total;
    for (const auto& r : rep.power) total += Watts{r.nameplate.value, r.peak.value, r.nominal.value, r.idle.value};
    SectionBuilder t("facilities/power", SectionKind::power, "system", "every element class with a part");
    std::string classes = fmt::format("the sum of the {} element classes above", rep.power.size());
    t.add("nameplate power", total.nameplate, Unit::watts, classes);
    t.add("peak power", total.peak, Unit::watts, classes, true);
    t.add("nominal power", total.nominal, Unit::watts, classes, true);
    t.add("idle power", total.idle, Unit::watts, classes);
    if (!rep.unpowered.empty()) {
        std::string list;
        for (const auto& u : rep.unpowered) list += (list.empty() ? "" : ", ") + u;
        t.caveat("not counted (name a part to count them): " + list);
    }
    rep.facilities.push_back(std::move(t.section));

    for (const auto& c : spec.compute)
        if (b.peak_each.count(c.name))
            racks(spec, c.name, fmt::format("'{}' nodes", c.name), c.count, c.per_rack, b.peak_each[c.name], rep);
    for (const auto& s : spec.storage)
        if (b.peak_each.count(s.name))
            racks(spec, s.name, fmt::format("'{}' servers", s.name), s.servers, s.per_rack, b.peak_each[s.name], rep);
    if (b.peak_each.count("network") && spec.facilities.switches_per_rack > 0)
        racks(spec, "network", "switches", b.all_switches, spec.facilities.switches_per_rack, b.peak_each["network"], rep,
              b.heaviest_switch);

    // A blocking checkpoint drops every node of the job from busy to idle for the dump, once per interval.
    for (const auto& cr : a.workloads.checkpoints) {
        const auto& w = spec.workloads[cr.workload];
        const auto* c = spec.find_compute(w.from);
        if (!c || !c->part) continue;
        double drop_each = c->part->power.nominal.value - c->part->power.idle.value;
        double blocking = cr.two_level ? cr.blocking.value() : cr.dump_time.value();
        SectionBuilder s("facilities/power-swing/" + document::key_part(w.id), SectionKind::power_swing, w.id,
                         fmt::format("'{}' nodes", c->name));
        s.add("power drop", cr.nodes * drop_each, Unit::watts,
              fmt::format("{} nodes x ({} nominal - {} idle) ({})", format_count(cr.nodes),
                          format_power(c->part->power.nominal.value), format_power(c->part->power.idle.value), c->part->name),
              true);
        s.add("drop lasts", blocking, Unit::seconds,
              cr.two_level ? "the blocking write to the local tier" : "the dump time the job blocks");
        s.add("drops per day", 86400.0 / cr.interval.value(), Unit::count,
              fmt::format("24 h / {} interval", units::format_duration(cr.interval)));
        s.caveat("utilities and on-site generation constrain swings this large and this fast: tell the facility, or smooth "
                 "them (power capping, staggered or asynchronous checkpoints)");
        rep.facilities.push_back(std::move(s.section));
    }
}

} // namespace archplan::derive
