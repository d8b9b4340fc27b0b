// Turns analysis results into per-team derived requirements, each with its derivation.
#include "archplan/derive/derive.hpp"

#include "derive_internal.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace archplan::derive {

using model::VertexKind;
using units::format_count;
using units::format_percent;
using units::format_rate;
using units::format_sig;
using units::format_size;

const char* status_name(Status s) {
    switch (s) {
    case Status::ok: return "ok";
    case Status::short_of: return "SHORT";
    case Status::info: return "info";
    }
    return "ok";
}

// A dimensionless input (efficiency, amplification), echoed with up to 6 digits and no trailing zeros.
std::string exact(double v) {
    auto s = format_sig(v, 6);
    if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

// "1 link", "16 links"
std::string count_of(double n, const char* one, const char* many) {
    return fmt::format("{} {}", format_count(n), n == 1.0 ? one : many);
}

namespace {

std::string kind_label(VertexKind k) {
    switch (k) {
    case VertexKind::compute: return "node";
    case VertexKind::leaf: return "leaf";
    case VertexKind::spine: return "spine";
    case VertexKind::aggregation: return "aggregation switch";
    case VertexKind::core: return "core switch";
    case VertexKind::server_nic: return "server";
    case VertexKind::server_ctrl: return "server";
    case VertexKind::server_drives: return "server";
    }
    return "switch";
}

std::string rate(double v) { return format_rate(units::BytesPerSecond(v)); }
std::string rate_in(double v) { return units::format_rate_exact(units::BytesPerSecond(v)); } // an input, echoed
std::string bits(double v) { return units::format_bit_rate(units::BytesPerSecond(v)); }

std::string format_figure(const Figure& f);
} // namespace
std::string figure_text(const Figure& f) { return format_figure(f); }
namespace {
std::string format_figure(const Figure& f) {
    switch (f.unit) {
    case Unit::bytes: return units::format_size(units::Bytes(f.value));
    case Unit::rate: return rate(f.value);
    case Unit::count: return format_count(f.value);
    case Unit::ratio: return format_sig(f.value) + ":1";
    case Unit::seconds: return units::format_duration(units::Seconds(f.value));
    case Unit::share: return format_percent(f.value);
    case Unit::per_second: return units::format_per_second(f.value);
    case Unit::nines: return format_sig(f.value) + " nines";
    case Unit::hours: return units::format_duration(units::Seconds(f.value * 3600));
    case Unit::probability: return fmt::format("{:.3g}", f.value);
    }
    return format_sig(f.value);
}

Status status_of(double utilisation) { return utilisation <= 1.0 + 1e-9 ? Status::ok : Status::short_of; }

struct Context {
    const spec::Spec& spec;
    const model::SystemGraph& g;
    const analysis::BandwidthResult& b;
    const spec::BandwidthRequirement& req;
    const spec::ComputeGroup& compute;
    const spec::StorageSystem& storage;
    const spec::Network& net;
    std::string R;    // formatted required figure, with the margin shown when there is one
    std::string prot; // protection label
};

std::string required_text(const spec::Spec& spec, const analysis::BandwidthResult& b, const spec::BandwidthRequirement& req) {
    if (spec.margin == 0.0) return fmt::format("{} ({})", rate(b.required.value()), req.id);
    return fmt::format("{} ({} {} x (1 + {} margin))", rate(b.required.value()), req.id, rate(req.bandwidth.value()),
                       format_percent(spec.margin));
}

std::string port_payload_formula(const Context& c, double nic_rate) {
    return fmt::format("min(NIC {}, switch port {}) x {} efficiency", bits(nic_rate), bits(c.net.link.value()),
                       exact(c.net.efficiency));
}

std::string port_payload(const Context& c, double nic_rate) {
    double line = std::min(nic_rate, c.net.link.value());
    return fmt::format("{} = {}", port_payload_formula(c, nic_rate), rate(line * c.net.efficiency));
}

Line class_line(const Context& c, const analysis::ClassLoad& cl) {
    const auto& g = c.g;
    const auto& edge = g.edges()[cl.busiest_edge];
    const auto& ec = g.classes()[cl.cls];
    auto sk = g.vertices()[edge.source].kind, tk = g.vertices()[edge.target].kind;
    const auto& a = c.b.amp;
    bool write = c.req.direction == spec::Direction::write;
    double N = c.compute.count, M = c.storage.servers, p = c.compute.storage_nic.ports, sp = c.storage.nic.ports;
    Line l;
    l.team = model::team_name(ec.team);
    l.element = ec.element;
    l.requirement = c.req.id;
    l.class_name = ec.name;
    l.headroom = 1.0 / cl.utilisation - 1.0;
    l.status = status_of(cl.utilisation);
    double per = cl.load / cl.links, cap = cl.capacity / cl.links;
    l.needed = {per, Unit::rate};
    l.provisioned = {cap, Unit::rate};
    auto amp_text = [&](double f) { return f == 1.0 ? std::string() : fmt::format(" x {} ({})", exact(f), c.prot); };
    if (sk == VertexKind::compute || tk == VertexKind::compute) {
        double f = write ? a.network : 1.0;
        l.applies_to = fmt::format("each port of {} '{}' nodes ({} per node)", format_count(N), c.compute.name, p);
        l.derivation =
            fmt::format("{}{} / {} / {} = {} per port; port payload {}", c.R, amp_text(f), count_of(N, "node", "nodes"),
                        count_of(p, "port", "ports"), rate(per), port_payload(c, c.compute.storage_nic.rate.value()));
    } else if ((sk == VertexKind::leaf && tk == VertexKind::server_nic) ||
               (sk == VertexKind::server_nic && tk == VertexKind::leaf)) {
        bool ingress = tk == VertexKind::server_nic;
        l.applies_to = fmt::format("each port of {} '{}' servers ({} per server)", format_count(M), c.storage.name, sp);
        if (write && ingress && a.east_west > 0)
            l.derivation =
                fmt::format("({}{} + {} x {} copies forwarded between servers) / {} / {} = {} per port; port payload {}", c.R,
                            amp_text(a.network), c.R, exact(a.east_west), count_of(M, "server", "servers"),
                            count_of(sp, "port", "ports"), rate(per), port_payload(c, c.storage.nic.rate.value()));
        else if (write && !ingress)
            l.derivation = fmt::format("{} x {} copies forwarded to other servers ({}) / {} / {} = {} per port; port payload {}",
                                       c.R, exact(a.east_west), c.prot, count_of(M, "server", "servers"),
                                       count_of(sp, "port", "ports"), rate(per), port_payload(c, c.storage.nic.rate.value()));
        else
            l.derivation = fmt::format("{}{} / {} / {} = {} per port; port payload {}", c.R, amp_text(write ? a.network : 1.0),
                                       count_of(M, "server", "servers"), count_of(sp, "port", "ports"), rate(per),
                                       port_payload(c, c.storage.nic.rate.value()));
    } else if ((sk == VertexKind::server_nic && tk == VertexKind::server_ctrl) ||
               (sk == VertexKind::server_ctrl && tk == VertexKind::server_nic)) {
        l.applies_to = fmt::format("each of {} '{}' servers", format_count(M), c.storage.name);
        double f = write ? a.controller : 1.0;
        l.derivation = fmt::format("{}{} / {} servers = {} per server; controller ceiling ({}) {}", c.R,
                                   f == 1.0 ? "" : fmt::format(" x {} (bytes received per client byte: {})", exact(f), c.prot),
                                   format_count(M), rate(per), write ? "write" : "read", rate_in(cap));
    } else if (sk == VertexKind::server_ctrl || sk == VertexKind::server_drives) {
        double D = c.storage.drives.count;
        double f = write ? a.drives : 1.0;
        l.applies_to = fmt::format("each of {} drives in each '{}' server", format_count(D), c.storage.name);
        l.derivation = fmt::format("{}{} / {} servers / {} drives = {} per drive; drive {} rate {}", c.R,
                                   f == 1.0 ? "" : fmt::format(" x {} (device bytes per client byte: {})", exact(f), c.prot),
                                   format_count(M), format_count(D), rate(per), write ? "write" : "read", rate_in(cap));
    } else {
        l.applies_to =
            fmt::format("each link of '{}' ({} carrying load)", ec.name, count_of(cl.edges, "switch pair", "switch pairs"));
        auto payload = fmt::format("link payload {} x {} = {}", bits(c.net.link.value()), exact(c.net.efficiency), rate(cap));
        bool into_leaf = tk == VertexKind::leaf; // a destination leaf: what it receives from this tier
        double total = into_leaf ? cl.target_total : cl.source_total;
        auto links = into_leaf ? cl.target_links : cl.source_links;
        auto side = into_leaf ? fmt::format("busiest leaf receives {} over its {} from the {} tier", rate(total),
                                            count_of(links, "link", "links"), kind_label(sk))
                              : fmt::format("busiest {} sends {} over its {} of this class", kind_label(sk), rate(total),
                                            count_of(links, "link", "links"));
        if (std::abs(total / links - per) <= 0.005 * per)
            l.derivation = fmt::format("{}, split evenly (ECMP) = {} per link; {}", side, rate(per), payload);
        else // bundles of different sizes, or a switch that also serves lighter leaves: quote the busiest bundle
            l.derivation = fmt::format("busiest bundle carries {} over {} link{} = {} per link ({}, {} per link on average; "
                                       "ECMP splits per next hop, so bundles of different sizes load their links unevenly); {}",
                                       rate(cl.load), cl.links, cl.links == 1 ? "" : "s", rate(per), "that" + side.substr(7),
                                       rate(total / links), payload);
    }
    return l;
}

// The largest taper a leaf shape may have: the uplinks its busiest leaf needs, against its down ports.
Line taper_line(const Context& c, const analysis::ClassLoad& cl, const spec::LeafShape& shape) {
    double link = c.net.link.value() * c.net.efficiency;
    double needed_up = std::ceil(cl.source_total / link * (1.0 - 1e-12));
    Line l;
    l.team = "network";
    l.element = "leaf taper";
    l.applies_to = fmt::format("'{}' leaves of '{}' ({} down, {} up)", shape.group, c.net.name, shape.down, shape.up);
    l.requirement = c.req.id;
    l.class_name = c.g.classes()[cl.cls].name;
    double max_taper = needed_up > 0 ? shape.down / needed_up : shape.down;
    double taper = static_cast<double>(shape.down) / shape.up;
    l.needed = {max_taper, Unit::ratio};
    l.provisioned = {taper, Unit::ratio};
    l.headroom = max_taper / taper - 1.0;
    l.status = shape.up >= needed_up ? Status::ok : Status::short_of;
    l.derivation = fmt::format("busiest leaf sends {} up / {} per uplink = {} uplinks needed (rounded up); "
                               "taper <= {} down / {} = {}:1; built {}:1",
                               rate(cl.source_total), rate(link), format_count(needed_up), shape.down, format_count(needed_up),
                               format_sig(max_taper), format_sig(taper));
    return l;
}

const spec::Network& network_of(const spec::Spec& spec, const std::string& group) {
    for (const auto& n : spec.networks)
        for (const auto& l : n.leaves)
            if (l.group == group) return n;
    return spec.networks.front();
}

std::string path_of(const spec::BandwidthRequirement& r, const spec::Spec& spec) {
    const auto& net = network_of(spec, r.from).name;
    return r.direction == spec::Direction::write ? fmt::format("{} -> {} via {}", r.from, r.to, net)
                                                 : fmt::format("{} <- {} via {}", r.from, r.to, net);
}

} // namespace

Report derive(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a,
              const analysis::Sizing& sizing) {
    Report rep;
    rep.title = spec.name;
    rep.spec_file = spec.file;
    rep.margin = spec.margin;
    rep.all_met = analysis::unmet(a).empty() && sizing.problem.empty();
    Team compute{"compute", "", {}}, network{"network", "", {}}, storage{"storage", "", {}};

    for (const auto& b : a.bandwidth) {
        const auto& req = a.requirement(b);
        const auto& cg = *spec.find_compute(req.from);
        const auto& st = *spec.find_storage(req.to);
        const auto& net = network_of(spec, req.from);
        Context c{spec, g, b, req, cg, st, net, required_text(spec, b, req), analysis::protection_label(st.protection)};

        RequirementRow row;
        row.id = req.id;
        row.kind = fmt::format("{} bandwidth", spec::direction_name(req.direction));
        row.path = path_of(req, spec);
        row.asked = {req.bandwidth.value(), Unit::rate};
        row.required = {b.required.value(), Unit::rate};
        row.achievable = {b.routed.achievable.value(), Unit::rate};
        row.ideal = {b.ideal.achievable.value(), Unit::rate};
        row.met = b.met;
        Bottleneck bn;
        bn.requirement = req.id;
        if (!b.routed.classes.empty()) {
            const auto& top = b.routed.classes.front();
            row.bottleneck = g.classes()[top.cls].name;
            row.utilisation = top.utilisation;
            row.derivation = fmt::format("routed: {} / {} utilisation of '{}' = {}; ideal (max-flow): {}, {} of routed",
                                         rate(b.required.value()), format_percent(top.utilisation), row.bottleneck,
                                         rate(b.routed.achievable.value()), rate(b.ideal.achievable.value()),
                                         format_percent(b.ideal.achievable.value() / b.routed.achievable.value()));
        }
        if (!req.origin.empty()) row.derivation = origin_derivation(a, req) + "; " + row.derivation;
        rep.requirements.push_back(row);

        // Per-node injection: the compute team's headline figure.
        {
            double per_node = b.required.value() * (req.direction == spec::Direction::write ? b.amp.network : 1.0) / cg.count;
            double nic = cg.storage_nic.ports * std::min(cg.storage_nic.rate.value(), net.link.value()) * net.efficiency;
            Line l;
            l.team = "compute";
            l.element = req.direction == spec::Direction::write ? "per-node storage injection" : "per-node storage ingest";
            l.applies_to = fmt::format("each of {} '{}' nodes", format_count(cg.count), cg.name);
            l.requirement = req.id;
            l.needed = {per_node, Unit::rate};
            l.provisioned = {nic, Unit::rate};
            l.headroom = nic / per_node - 1.0;
            l.status = nic >= per_node * (1.0 - 1e-9) ? Status::ok : Status::short_of;
            l.derivation =
                fmt::format("{}{} / {} = {}; provisioned {} x {} per port ({}) = {}", c.R,
                            req.direction == spec::Direction::write && b.amp.network != 1.0
                                ? fmt::format(" x {} ({})", exact(b.amp.network), c.prot)
                                : "",
                            count_of(cg.count, "node", "nodes"), rate(per_node), count_of(cg.storage_nic.ports, "port", "ports"),
                            rate(nic / cg.storage_nic.ports), port_payload_formula(c, cg.storage_nic.rate.value()), rate(nic));
            compute.lines.push_back(l);
        }

        for (const auto& cl : b.routed.classes) {
            auto line = class_line(c, cl);
            const auto& ec = g.classes()[cl.cls];
            auto& team = ec.team == model::Team::compute ? compute : ec.team == model::Team::storage ? storage : network;
            team.lines.push_back(line);
            const auto& edge = g.edges()[cl.busiest_edge];
            if (g.vertices()[edge.source].kind == VertexKind::leaf && ec.team == model::Team::network) {
                for (const auto& shape : net.leaves)
                    if (shape.group == ec.group) network.lines.push_back(taper_line(c, cl, shape));
            }
            ClassRow cr;
            cr.class_name = ec.name;
            cr.team = model::team_name(ec.team);
            cr.element = ec.element;
            cr.utilisation = cl.utilisation;
            cr.headroom = 1.0 / cl.utilisation - 1.0;
            cr.load = {cl.load, Unit::rate};
            cr.capacity = {cl.capacity, Unit::rate};
            cr.links = cl.links;
            bn.classes.push_back(cr);
        }
        for (const auto& cut : b.ideal.cut)
            bn.ideal_cut.push_back({g.classes()[cut.cls].name,
                                    cut.edges,
                                    {cut.capacity, Unit::rate},
                                    {cut.client_capacity, Unit::rate},
                                    fmt::format("{} x {} ({} of client bytes in all{})", format_count(cut.edges),
                                                g.classes()[cut.cls].name, rate(cut.client_capacity),
                                                cut.client_capacity < cut.capacity * (1 - 1e-9)
                                                    ? fmt::format("; {} on the wire or on the drives", rate(cut.capacity))
                                                    : "")});
        rep.bottlenecks.push_back(bn);
    }

    for (const auto& cr : a.capacity) {
        const auto& s = spec.storage[cr.storage];
        const auto& creq = a.requirement(cr);
        auto amp = analysis::write_amplification(s.protection);
        RequirementRow row;
        row.id = creq.id;
        row.kind = "usable capacity";
        row.path = fmt::format("on {}", s.name);
        if (!creq.origin.empty())
            row.path += fmt::format(" ({} of workload '{}')",
                                    creq.id.size() > 10 && creq.id.substr(creq.id.size() - 10) == ".retention"
                                        ? "checkpoints kept"
                                        : "dataset",
                                    creq.origin);
        row.asked = {creq.usable.value(), Unit::bytes};
        row.required = {cr.required.value(), Unit::bytes};
        row.achievable = {cr.plannable.value(), Unit::bytes};
        row.ideal = {0.0, Unit::bytes}; // no flow model for capacity
        row.met = cr.met;
        row.bottleneck = "capacity";
        row.utilisation = cr.required.value() / cr.plannable.value();
        auto st = analysis::capacity_stages(s, s.servers);
        row.derivation =
            fmt::format("{} servers x {} drives x {} = {} raw; / {} ({}) = {}; x (1 - {} spares) x (1 - {} reserve) = {} "
                        "usable; x {} fill limit = {} plannable",
                        format_count(s.servers), s.drives.count, units::format_size_exact(s.drives.capacity), format_size(st.raw),
                        exact(amp.capacity), analysis::protection_label(s.protection), format_size(st.after_protection),
                        format_percent(s.spares), format_percent(s.reserve), format_size(st.usable), format_percent(s.fill_limit),
                        format_size(st.plannable));
        rep.requirements.push_back(row);
        Line l;
        l.team = "storage";
        l.element = "usable capacity, at the fill limit";
        l.applies_to = fmt::format("storage system '{}'", s.name);
        l.requirement = creq.id;
        l.needed = {cr.required.value(), Unit::bytes};
        l.provisioned = {cr.plannable.value(), Unit::bytes};
        l.headroom = cr.plannable.value() / cr.required.value() - 1.0;
        l.status = cr.met ? Status::ok : Status::short_of;
        l.derivation = row.derivation + fmt::format("; {} servers needed for capacity alone", format_count(cr.servers_needed));
        storage.lines.push_back(l);
    }

    derive_workloads(spec, a, rep, compute, storage);
    derive_storage(spec, a, rep, storage);
    for (const auto& z : sizing.sized) rep.sized.push_back({z.knob, z.value, z.forced_by, z.loc.line});
    rep.sizing_problem = sizing.problem;

    auto tightest = [](const Team& t) -> const Line* {
        const Line* worst = nullptr;
        for (const auto& l : t.lines) // a taper line restates a link line, rounded to whole uplinks
            if (l.element != "leaf taper" && (!worst || l.headroom < worst->headroom)) worst = &l;
        return worst;
    };
    for (auto* t : {&compute, &network, &storage}) {
        if (const auto* w = tightest(*t))
            t->headline = fmt::format(
                "tightest: {} ({}) needs {}, has {} ({}{}, {})", w->element,
                w->class_name.empty() ? w->applies_to : w->class_name,
                w->needed.unit == Unit::ratio ? format_figure(w->needed) + " taper at most" : format_figure(w->needed),
                format_figure(w->provisioned), w->headroom >= 0 ? "" : "short by ",
                w->headroom >= 0 ? format_percent(w->headroom) + " headroom" : format_percent(-w->headroom), w->requirement);
    }
    rep.teams = {compute, network, storage};

    for (const auto& f : a.fixes) {
        Fix fix;
        fix.requirement = f.requirement;
        for (const auto& ch : f.changes)
            fix.options.push_back({ch.knob, ch.what, ch.from, ch.to, ch.why_not, {ch.achievable_at_to.value(), Unit::rate}});
        rep.fixes.push_back(fix);
    }

    for (const auto& cg : spec.compute)
        rep.inventory.items.emplace_back(fmt::format("compute '{}'", cg.name),
                                         fmt::format("{} nodes x {} x {} storage NIC", format_count(cg.count),
                                                     cg.storage_nic.ports, bits(cg.storage_nic.rate.value())));
    for (const auto& fab : g.fabrics()) {
        const auto& net = *spec.find_network(fab.name);
        std::string leaves;
        for (std::size_t i = 0; i < net.leaves.size(); ++i)
            leaves += fmt::format("{}{} '{}' leaves ({} down / {} up)", i ? ", " : "", format_count(fab.leaves_per_shape[i]),
                                  net.leaves[i].group, net.leaves[i].down, net.leaves[i].up);
        std::string upper = fab.tiers == 2
                                ? fmt::format("{} spines ({} of {} ports used)", format_count(fab.spines),
                                              fab.max_spine_ports_used, net.spine_ports)
                                : fmt::format("{} pods, {} aggregation switches, {} core switches ({} of {} core ports used)",
                                              format_count(fab.pods), format_count(fab.aggregations), format_count(fab.cores),
                                              fab.max_spine_ports_used, net.core_ports);
        rep.inventory.items.emplace_back(fmt::format("network '{}'", fab.name),
                                         fmt::format("{}-tier, {} links x {}: {}; {}", fab.tiers, bits(net.link.value()),
                                                     exact(net.efficiency), leaves, upper));
    }
    for (const auto& s : spec.storage)
        rep.inventory.items.emplace_back(
            fmt::format("storage '{}'", s.name),
            fmt::format("{} servers x {} x {} NIC, {} drives of {} ({} raw), {}", format_count(s.servers), s.nic.ports,
                        bits(s.nic.rate.value()), s.drives.count, units::format_size_exact(s.drives.capacity),
                        format_size(units::Bytes(s.servers * s.drives.count * s.drives.capacity.value())),
                        analysis::protection_label(s.protection)));
    return rep;
}

} // namespace archplan::derive
