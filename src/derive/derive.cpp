// Turns analysis results into per-team derived requirements, each with its derivation.
#include "archplan/derive/derive.hpp"

#include "derive_internal.hpp"

#include "archplan/derive/confidence.hpp"

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

std::string exact(double v) {
    auto s = format_sig(v, 6);
    if (s.find('.') != std::string::npos && s.find('e') == std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

std::string count_of(double n, const char* one, const char* many) {
    return fmt::format("{} {}", format_count(n), n == 1.0 ? one : many);
}

std::string rate(double v) { return format_rate(units::BytesPerSecond(v)); }

document::Team team_of(model::Team t) {
    switch (t) {
    case model::Team::compute: return document::Team::compute;
    case model::Team::network: return document::Team::network;
    case model::Team::storage: return document::Team::storage;
    }
    return document::Team::network;
}

std::string size(double v) { return format_size(units::Bytes(v)); }
std::string bits(double v) { return units::format_bit_rate(units::BytesPerSecond(v)); }
std::string dur(double v) { return units::format_duration(units::Seconds(v)); }
std::string hours(double h) { return units::format_duration(units::Seconds(h * 3600)); }

document::Origin origin_of(spec::Origin o) {
    switch (o) {
    case spec::Origin::spec: return document::Origin::spec;
    case spec::Origin::workload_write: return document::Origin::workload_write;
    case spec::Origin::workload_drain: return document::Origin::workload_drain;
    case spec::Origin::workload_read: return document::Origin::workload_read;
    case spec::Origin::dataset: return document::Origin::dataset;
    case spec::Origin::retention: return document::Origin::retention;
    }
    return document::Origin::spec;
}

namespace {
std::string line_key(Team team, LineKind kind, const std::string& requirement, const std::string& qualifier) {
    auto key =
        fmt::format("team/{}/{}/{}", document::team_name(team), document::line_kind_name(kind), document::key_part(requirement));
    if (!qualifier.empty()) key += "/" + document::key_part(qualifier);
    return key;
}
} // namespace

Line make_line(Team team, LineKind kind, std::string element, std::string applies_to, std::string requirement,
               const std::string& qualifier, Figure needed, Figure provisioned, std::string derivation) {
    Line l;
    l.key = line_key(team, kind, requirement, qualifier);
    l.team = team;
    l.kind = kind;
    l.element = std::move(element);
    l.applies_to = std::move(applies_to);
    l.requirement = std::move(requirement);
    l.needed = needed;
    l.provisioned = provisioned;
    l.headroom = provisioned.value / needed.value - 1.0;
    l.status = l.headroom >= -analysis::k_met_tol ? Status::ok : Status::short_of;
    l.derivation = std::move(derivation);
    return l;
}

SectionBuilder::SectionBuilder(std::string key, SectionKind kind, std::string id, std::string path) {
    section.key = std::move(key);
    section.kind = kind;
    section.id = std::move(id);
    section.path = std::move(path);
}

void SectionBuilder::add(const std::string& name, double value, Unit unit, std::string how, bool headline) {
    section.figures.push_back({section.key + "/" + document::key_part(name), name, {value, unit}, std::move(how), headline});
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
    case VertexKind::client: return "node";
    case VertexKind::router: return "router";
    }
    return "switch";
}

std::string rate_in(double v) { return units::format_rate_exact(units::BytesPerSecond(v)); } // an input, echoed

Status status_of(double utilisation) { return utilisation <= 1.0 + analysis::k_met_tol ? Status::ok : Status::short_of; }

struct Context {
    const spec::Spec& spec;
    const model::SystemGraph& g;
    const analysis::BandwidthResult& b;
    const spec::BandwidthRequirement& req;
    const spec::ComputeGroup& compute;
    const spec::StorageSystem& storage;
    const spec::Network& net;         // the compute group's network
    const spec::Network& storage_net; // the storage system's (the same unless routers join two)
    std::string R;                    // formatted required figure, with the margin shown when there is one
    std::string prot;                 // protection label
};

std::string required_text(const spec::Spec& spec, const analysis::BandwidthResult& b, const spec::BandwidthRequirement& req) {
    if (spec.margin == 0.0) return fmt::format("{} ({})", rate(b.required.value()), req.id);
    return fmt::format("{} ({} {} x (1 + {} margin))", rate(b.required.value()), req.id, rate(req.bandwidth.value()),
                       format_percent(spec.margin));
}

std::string port_payload_formula(const spec::Network& net, double nic_rate) {
    return fmt::format("min(NIC {}, switch port {}) x {} efficiency{}", bits(nic_rate), bits(net.link.value()),
                       exact(net.efficiency), net.isolation ? " (" + net.isolation->derivation + ")" : std::string());
}

std::string port_payload(const spec::Network& net, double nic_rate) {
    double line = std::min(nic_rate, net.link.value());
    return fmt::format("{} = {}", port_payload_formula(net, nic_rate), rate(line * net.efficiency));
}

// "16 MiB", "128 KiB": I/O sizes are binary.
std::string iec(double bytes) {
    if (bytes >= 1024.0 * 1024) return fmt::format("{} MiB", format_sig(bytes / (1024.0 * 1024)));
    return fmt::format("{} KiB", format_sig(bytes / 1024.0));
}

// How a drive's delivered rate follows from its datasheet rate, when the spec says what the drive is.
std::string delivered_note(const spec::StorageSystem& s, bool write) {
    const auto& d = s.drives;
    auto rates = model::delivered_drive_rates(s);
    double datasheet = write ? d.write.value() : d.read.value();
    if (d.kind == spec::Drives::Kind::hdd) {
        int k = s.protection.data_chunks();
        return fmt::format(" (delivered to interleaved streams: {} chunks ({} / {}) / ({} / (0.75 x {} datasheet) + {} seek + "
                           "{} half a rotation at {} rpm) = {})",
                           iec(rates.chunk), iec(s.io_size.value()), k, iec(rates.chunk), rate_in(datasheet),
                           units::format_duration(d.seek), units::format_duration(units::Seconds(30.0 / d.rpm)),
                           format_count(d.rpm), rate(write ? rates.write : rates.read));
    }
    if (d.kind == spec::Drives::Kind::flash && write && d.steady_write.value() > 0)
        return fmt::format(" (steady-state write; the burst figure is {})", rate_in(datasheet));
    if (d.kind == spec::Drives::Kind::flash && write)
        return " (the datasheet figure: give 'steady_write' for the rate after the write cache fills)";
    return {};
}

Line class_line(const Context& c, const analysis::ClassLoad& cl) {
    const auto& g = c.g;
    const auto& edge = g.edges()[cl.busiest_edge];
    const auto& ec = g.classes()[cl.cls];
    const auto& net = ec.network.empty() ? c.net : *c.spec.find_network(ec.network); // the class's own network
    auto sk = g.vertices()[edge.source].kind, tk = g.vertices()[edge.target].kind;
    const auto& a = c.b.amp;
    bool write = c.req.direction == spec::Direction::write;
    double N = c.compute.count, M = c.storage.servers, p = c.compute.storage_nic.ports, sp = c.storage.nic.ports;
    Line l;
    l.team = team_of(ec.team);
    l.element = ec.element;
    l.requirement = c.req.id;
    l.class_name = ec.name;
    l.headroom = 1.0 / cl.utilisation - 1.0;
    l.status = status_of(cl.utilisation);
    double per = cl.load / cl.links, cap = cl.capacity / cl.links;
    l.needed = {per, Unit::rate};
    l.provisioned = {cap, Unit::rate};
    auto amp_text = [&](double f) { return f == 1.0 ? std::string() : fmt::format(" x {} ({})", exact(f), c.prot); };
    if (sk == VertexKind::client || tk == VertexKind::client) {
        // The client stage carries client bytes: no protection factor, whatever the NIC sends.
        l.kind = LineKind::client;
        l.applies_to = fmt::format("each of {} '{}' nodes", format_count(N), c.compute.name);
        l.derivation = fmt::format("{} / {} nodes = {} per node; client ceiling ({}) {}", c.R, format_count(N), rate(per),
                                   write ? "write" : "read", rate_in(cap));
    } else if (sk == VertexKind::compute || tk == VertexKind::compute) {
        l.kind = LineKind::port;
        double f = write ? a.network : 1.0;
        l.applies_to = fmt::format("each port of {} '{}' nodes ({} per node)", format_count(N), c.compute.name, p);
        l.derivation =
            fmt::format("{}{} / {} / {} = {} per port; port payload {}", c.R, amp_text(f), count_of(N, "node", "nodes"),
                        count_of(p, "port", "ports"), rate(per), port_payload(c.net, c.compute.storage_nic.rate.value()));
    } else if ((sk == VertexKind::leaf && tk == VertexKind::server_nic) ||
               (sk == VertexKind::server_nic && tk == VertexKind::leaf)) {
        l.kind = LineKind::port;
        bool ingress = tk == VertexKind::server_nic;
        bool on_cluster = c.storage.cluster && ec.network == c.storage.cluster->network;
        l.applies_to = fmt::format("each port of {} '{}' servers ({} per server)", format_count(M), c.storage.name, sp);
        if (on_cluster) {
            // The cluster network carries the copies between servers only; clients stay on the other.
            double cp = c.storage.cluster->nic.ports;
            l.applies_to =
                fmt::format("each cluster port of {} '{}' servers ({} per server)", format_count(M), c.storage.name, cp);
            l.derivation =
                fmt::format("{} x {} copies forwarded between servers ({}), {} by each server, / {} / {} = {} per "
                            "port; port payload {}",
                            c.R, exact(a.east_west), c.prot, ingress ? "received" : "sent", count_of(M, "server", "servers"),
                            count_of(cp, "port", "ports"), rate(per), port_payload(net, c.storage.cluster->nic.rate.value()));
        } else if (c.storage.cluster && write && ingress)
            l.derivation = fmt::format("{}{} / {} / {} = {} per port (copies between servers cross the cluster network); port "
                                       "payload {}",
                                       c.R, amp_text(a.network), count_of(M, "server", "servers"), count_of(sp, "port", "ports"),
                                       rate(per), port_payload(c.storage_net, c.storage.nic.rate.value()));
        else if (write && ingress && a.east_west > 0)
            l.derivation =
                fmt::format("({}{} + {} x {} copies forwarded between servers) / {} / {} = {} per port; port payload {}", c.R,
                            amp_text(a.network), c.R, exact(a.east_west), count_of(M, "server", "servers"),
                            count_of(sp, "port", "ports"), rate(per), port_payload(c.storage_net, c.storage.nic.rate.value()));
        else if (write && !ingress)
            l.derivation =
                fmt::format("{} x {} copies forwarded to other servers ({}) / {} / {} = {} per port; port payload {}", c.R,
                            exact(a.east_west), c.prot, count_of(M, "server", "servers"), count_of(sp, "port", "ports"),
                            rate(per), port_payload(c.storage_net, c.storage.nic.rate.value()));
        else
            l.derivation = fmt::format("{}{} / {} / {} = {} per port; port payload {}", c.R, amp_text(write ? a.network : 1.0),
                                       count_of(M, "server", "servers"), count_of(sp, "port", "ports"), rate(per),
                                       port_payload(c.storage_net, c.storage.nic.rate.value()));
    } else if ((sk == VertexKind::server_nic && tk == VertexKind::server_ctrl) ||
               (sk == VertexKind::server_ctrl && tk == VertexKind::server_nic)) {
        l.kind = LineKind::controller;
        l.applies_to = fmt::format("each of {} '{}' servers", format_count(M), c.storage.name);
        bool sends = sk == VertexKind::server_ctrl; // controller -> NIC: limit.read, what the server sends
        if (write && sends)                         // the copies a primary forwards to other servers
            l.derivation = fmt::format("{} x {} copies forwarded to other servers ({}) / {} servers = {} per server; controller "
                                       "ceiling (read: what the server sends) {}",
                                       c.R, exact(a.east_west), c.prot, format_count(M), rate(per), rate_in(cap));
        else {
            double f = write ? a.controller : 1.0;
            l.derivation =
                fmt::format("{}{} / {} servers = {} per server; controller ceiling ({}) {}", c.R,
                            f == 1.0 ? "" : fmt::format(" x {} (bytes received per client byte: {})", exact(f), c.prot),
                            format_count(M), rate(per), sends ? "read" : "write", rate_in(cap));
        }
    } else if (sk == VertexKind::server_ctrl || sk == VertexKind::server_drives) {
        l.kind = LineKind::drives;
        double D = c.storage.drives.count;
        double f = write ? a.drives : 1.0;
        l.applies_to = fmt::format("each of {} drives in each '{}' server", format_count(D), c.storage.name);
        l.derivation = fmt::format("{}{} / {} servers / {} drives = {} per drive; drive {} rate {}", c.R,
                                   f == 1.0 ? "" : fmt::format(" x {} (device bytes per client byte: {})", exact(f), c.prot),
                                   format_count(M), format_count(D), rate(per), write ? "write" : "read",
                                   c.storage.drives.kind == spec::Drives::Kind::hdd ? rate(cap) : rate_in(cap)) +
                       delivered_note(c.storage, write);
    } else if ((sk == VertexKind::router && tk == VertexKind::leaf) || (sk == VertexKind::leaf && tk == VertexKind::router)) {
        // A router's ports on one of its two networks: each router carries R / routers through them.
        l.kind = LineKind::port;
        const auto& rg = *c.spec.find_router(ec.group);
        const auto& nic = *rg.nic_on(ec.network);
        l.applies_to = fmt::format("each port of {} '{}' routers on '{}' ({} per router)", format_count(rg.count), rg.name,
                                   ec.network, nic.ports);
        l.derivation = fmt::format("{}{} / {} / {} = {} per port; port payload {}", c.R, amp_text(write ? a.network : 1.0),
                                   count_of(rg.count, "router", "routers"), count_of(nic.ports, "port", "ports"), rate(per),
                                   port_payload(net, nic.rate.value()));
    } else if (sk == VertexKind::router && tk == VertexKind::router) {
        l.kind = LineKind::router;
        const auto& rg = *c.spec.find_router(ec.group);
        l.applies_to = fmt::format("each of {} '{}' routers", format_count(rg.count), rg.name);
        l.derivation =
            fmt::format("{}{} / {} = {} per router, crossing from one network to the other; forwarding limit {}", c.R,
                        amp_text(write ? a.network : 1.0), count_of(rg.count, "router", "routers"), rate(per), rate_in(cap));
    } else {
        l.kind = LineKind::link;
        l.applies_to =
            fmt::format("each link of '{}' ({} carrying load)", ec.name, count_of(cl.edges, "switch pair", "switch pairs"));
        auto payload = fmt::format("link payload {} x {} = {}", bits(net.link.value()), exact(net.efficiency), rate(cap));
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
        if (cl.derate > 1.0) {
            // Static hashing: the busiest link carries more than the even split; the headroom above already counts it.
            l.needed = {per * cl.derate, Unit::rate};
            l.derivation += fmt::format(
                "; static ECMP: {} flows ({} per endpoint pair, as stated) hashed over {}: the busiest link expects {} x the "
                "even split (balls into bins, Poisson; docs/models.md, static routing), {} per link",
                format_sig(cl.flows), net.routing.flows, count_of(cl.paths, "link", "links"), format_sig(cl.derate),
                rate(per * cl.derate));
        }
    }
    l.key = line_key(l.team, l.kind, l.requirement, l.class_name);
    return l;
}

// The largest taper a leaf shape may have: the uplinks its busiest leaf needs, against its down ports.
// The largest taper a leaf shape may have, as a bandwidth ratio (what enters from the endpoints / what can
// leave upward): a 200 Gb/s NIC in a 400 Gb/s port brings 200 Gb/s, not a port's worth.
Line taper_line(const Context& c, const spec::Network& net, const analysis::ClassLoad& cl, const spec::LeafShape& shape) {
    double link = net.link.value() * net.efficiency;
    double needed_up = std::ceil(cl.source_total / link * (1.0 - analysis::k_ceil_tol));
    // Line rate the host ports bring into the leaf: each member's share of the down ports at its NIC's rate (or the
    // port's share, on a breakout cable).
    double in = 0, host = 0;
    for (const auto& m : shape.members) {
        double nic = c.spec.nic_on(m.group, net.name)->rate.value();
        host = std::min(nic, net.link.value() / shape.breakout);
        in += static_cast<double>(m.down) * shape.breakout * host;
    }
    Line l;
    l.team = Team::network;
    l.kind = LineKind::taper;
    l.key = line_key(Team::network, LineKind::taper, c.req.id, net.name + "/" + shape.group);
    l.element = "leaf taper";
    std::string ports = shape.breakout > 1 ? fmt::format("{} down x {} breakout", shape.down, shape.breakout)
                                           : fmt::format("{} down", shape.down);
    if (shape.mixed()) {
        // Each member's ports at its own rate: "24 'gpu' down x 200 Gb/s + 8 'scratch' down x 400 Gb/s".
        ports.clear();
        for (const auto& m : shape.members) {
            double nic = c.spec.nic_on(m.group, net.name)->rate.value();
            ports += fmt::format("{}{} '{}' down{} x {}", ports.empty() ? "" : " + ", m.down, m.group,
                                 shape.breakout > 1 ? fmt::format(" x {} breakout", shape.breakout) : "",
                                 bits(std::min(nic, net.link.value() / shape.breakout)));
        }
    }
    l.applies_to = fmt::format("'{}' leaves of '{}' ({}, {} up)", shape.group, net.name, ports, shape.up);
    l.requirement = c.req.id;
    l.class_name = c.g.classes()[cl.cls].name;
    double max_taper = in / ((needed_up > 0 ? needed_up : 1.0) * net.link.value());
    double taper = in / (shape.up * net.link.value());
    l.needed = {max_taper, Unit::ratio};
    l.provisioned = {taper, Unit::ratio};
    l.headroom = max_taper / taper - 1.0;
    l.status = shape.up >= needed_up ? Status::ok : Status::short_of;
    l.derivation = fmt::format("busiest leaf sends {} up / {} per uplink = {} uplinks needed (rounded up); taper (bandwidth "
                               "in from the endpoints / bandwidth up) <= {} / ({} x {}) = {}:1; built {}:1 ({} up)",
                               rate(cl.source_total), rate(link), format_count(needed_up),
                               shape.mixed() ? "(" + ports + ")" : ports + " x " + bits(host), format_count(needed_up),
                               bits(net.link.value()), format_sig(max_taper), format_sig(taper), shape.up);
    return l;
}

const spec::Network& network_of(const spec::Spec& spec, const std::string& group) {
    const auto* st = spec.find_storage(group);
    for (const auto& n : spec.networks)
        for (const auto& l : n.leaves)
            if (l.hosts(group) && !(st && st->cluster && st->cluster->network == n.name)) return n; // not its cluster network
    return spec.networks.front();
}

std::string path_of(const spec::BandwidthRequirement& r, const spec::Spec& spec) {
    // Every network the requirement crosses, and the router group between two.
    std::string net = network_of(spec, r.from).name;
    const auto& other = network_of(spec, r.to).name;
    if (other != net)
        for (const auto& rg : spec.routers)
            if (rg.nic_on(net) && rg.nic_on(other)) net = fmt::format("{}, router '{}', {}", net, rg.name, other);
    // Copies a primary forwards cross the storage system's cluster network.
    const auto* st = spec.find_storage(r.to);
    if (st && st->cluster && r.direction == spec::Direction::write && st->protection.where == spec::ProtectionWhere::primary)
        net += fmt::format(" (copies between servers via {})", st->cluster->network);
    return r.direction == spec::Direction::write ? fmt::format("{} -> {} via {}", r.from, r.to, net)
                                                 : fmt::format("{} <- {} via {}", r.from, r.to, net);
}

// The requirement row of a bandwidth requirement, with the bottleneck and the classes tied with it.
RequirementRow bandwidth_row(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a,
                             const analysis::BandwidthResult& b) {
    const auto& req = a.requirement(b);
    RequirementRow row;
    row.key = "requirement/" + document::key_part(req.id);
    row.id = req.id;
    row.kind = req.direction == spec::Direction::write ? RequirementKind::write_bandwidth : RequirementKind::read_bandwidth;
    row.origin = origin_of(req.origin_kind);
    row.path = path_of(req, spec);
    row.asked = {req.bandwidth.value(), Unit::rate};
    row.asked_as_written = req.written;
    row.required = {b.required.value(), Unit::rate};
    row.achievable = {b.routed.achievable.value(), Unit::rate};
    row.ideal = {b.ideal.achievable.value(), Unit::rate};
    row.met = b.met;
    if (!b.routed.classes.empty()) {
        const auto& top = b.routed.classes.front();
        row.bottleneck = g.classes()[top.cls].name;
        for (std::size_t i = 1; i < b.routed.tied; ++i) row.tied.push_back(g.classes()[b.routed.classes[i].cls].name);
        row.utilisation = top.utilisation;
        row.headroom = 1.0 / top.utilisation - 1.0;
        std::vector<Validated> sorts;
        for (std::size_t i = 0; i < std::max<std::size_t>(b.routed.tied, 1); ++i)
            sorts.push_back(validated_of(spec, g, b.routed.classes[i].cls));
        row.confidence = confidence_text(sorts, b.routed.achievable.value());
        row.derivation = fmt::format("routed: {} / {} utilisation of '{}' = {}; ideal (max-flow): {}, {} of routed",
                                     rate(b.required.value()), format_percent(top.utilisation), row.bottleneck,
                                     rate(b.routed.achievable.value()), rate(b.ideal.achievable.value()),
                                     format_percent(b.ideal.achievable.value() / b.routed.achievable.value()));
    }
    if (!req.origin.empty()) row.derivation = origin_derivation(a, req) + "; " + row.derivation;
    return row;
}

// Per-node injection: the compute team's headline figure.
Line injection_line(const Context& c) {
    const auto& req = c.req;
    const auto& cg = c.compute;
    bool write = req.direction == spec::Direction::write;
    double per_node = c.b.required.value() * (write ? c.b.amp.network : 1.0) / cg.count;
    double nic = cg.storage_nic.ports * std::min(cg.storage_nic.rate.value(), c.net.link.value()) * c.net.efficiency;
    auto derivation =
        fmt::format("{}{} / {} = {}; provisioned {} x {} per port ({}) = {}", c.R,
                    write && c.b.amp.network != 1.0 ? fmt::format(" x {} ({})", exact(c.b.amp.network), c.prot) : "",
                    count_of(cg.count, "node", "nodes"), rate(per_node), count_of(cg.storage_nic.ports, "port", "ports"),
                    rate(nic / cg.storage_nic.ports), port_payload_formula(c.net, cg.storage_nic.rate.value()), rate(nic));
    auto l = make_line(Team::compute, LineKind::injection, write ? "per-node storage injection" : "per-node storage ingest",
                       fmt::format("each of {} '{}' nodes", format_count(cg.count), cg.name), req.id, cg.name,
                       {per_node, Unit::rate}, {nic, Unit::rate}, derivation);
    return l;
}

// Encryption on the CPU (isolation with offload: cpu): each node encrypts what it injects, at its CPUs' rate.
std::optional<Line> crypto_line(const Context& c) {
    const auto& iso = c.net.isolation;
    if (!iso || iso->encryption == spec::Isolation::Encryption::none || iso->offload != spec::Isolation::Offload::cpu)
        return std::nullopt;
    const auto& req = c.req;
    bool write = req.direction == spec::Direction::write;
    double per_node = c.b.required.value() * (write ? c.b.amp.network : 1.0) / c.compute.count;
    return make_line(Team::compute, LineKind::crypto, write ? "CPU encryption" : "CPU decryption",
                     fmt::format("each of {} '{}' nodes", format_count(c.compute.count), c.compute.name), req.id, c.compute.name,
                     {per_node, Unit::rate}, {iso->cpu_crypto.value(), Unit::rate},
                     fmt::format("what each node injects, {} (the injection line), is {} on its CPUs ('{}' isolation: "
                                 "offload cpu); provisioned: cpu_crypto {}",
                                 rate(per_node), write ? "encrypted" : "decrypted", c.net.name, rate(iso->cpu_crypto.value())));
}

// Every loaded class of one bandwidth requirement: a team line each (and a taper line for a leaf's
// uplinks), and the bottleneck table with the ideal flow's cut.
document::Bottleneck bandwidth_lines(const Context& c, TeamLists& teams) {
    const auto& g = c.g;
    document::Bottleneck bn;
    bn.requirement = c.req.id;
    for (const auto& cl : c.b.routed.classes) {
        const auto& ec = g.classes()[cl.cls];
        teams.of(team_of(ec.team)).push_back(class_line(c, cl));
        const auto& edge = g.edges()[cl.busiest_edge];
        auto up_kind = g.vertices()[edge.target].kind; // a leaf's uplinks: toward a spine or aggregation switch
        if (g.vertices()[edge.source].kind == VertexKind::leaf && ec.team == model::Team::network && !ec.network.empty() &&
            (up_kind == VertexKind::spine || up_kind == VertexKind::aggregation))
            for (const auto& shape : c.spec.find_network(ec.network)->leaves)
                if (shape.group == ec.group) teams.network.push_back(taper_line(c, *c.spec.find_network(ec.network), cl, shape));
        document::ClassRow cr;
        cr.key = fmt::format("bottleneck/{}/{}", document::key_part(c.req.id), document::key_part(ec.name));
        cr.class_name = ec.name;
        cr.team = team_of(ec.team);
        cr.element = ec.element;
        cr.utilisation = cl.utilisation;
        cr.headroom = 1.0 / cl.utilisation - 1.0;
        cr.load = {cl.load, Unit::rate};
        cr.capacity = {cl.capacity, Unit::rate};
        cr.links = cl.links;
        bn.classes.push_back(cr);
    }
    for (const auto& cut : c.b.ideal.cut) {
        const auto& name = g.classes()[cut.cls].name;
        bn.ideal_cut.push_back(
            {fmt::format("cut/{}/{}", document::key_part(c.req.id), document::key_part(name)), name, cut.edges,
             Figure{cut.capacity, Unit::rate}, Figure{cut.client_capacity, Unit::rate},
             fmt::format("{} x {} ({} of client bytes in all{})", format_count(cut.edges), name, rate(cut.client_capacity),
                         cut.client_capacity < cut.capacity * (1 - analysis::k_met_tol)
                             ? fmt::format("; {} on the wire or on the drives", rate(cut.capacity))
                             : "")});
    }
    return bn;
}

void derive_bandwidth(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a, document::Report& rep,
                      TeamLists& teams) {
    for (const auto& b : a.bandwidth) {
        const auto& req = a.requirement(b);
        const auto& st = *spec.find_storage(req.to);
        Context c{spec,
                  g,
                  b,
                  req,
                  *spec.find_compute(req.from),
                  st,
                  network_of(spec, req.from),
                  network_of(spec, req.to),
                  required_text(spec, b, req),
                  analysis::protection_label(st.protection)};
        rep.requirements.push_back(bandwidth_row(spec, g, a, b));
        teams.compute.push_back(injection_line(c));
        if (auto crypto = crypto_line(c)) teams.compute.push_back(*crypto);
        rep.bottlenecks.push_back(bandwidth_lines(c, teams));
    }
}

void derive_capacity(const spec::Spec& spec, const analysis::Analysis& a, document::Report& rep, TeamLists& teams) {
    for (const auto& cr : a.capacity) {
        const auto& s = spec.storage[cr.storage];
        const auto& req = a.requirement(cr);
        auto amp = analysis::write_amplification(s.protection);
        RequirementRow row;
        row.key = "requirement/" + document::key_part(req.id);
        row.id = req.id;
        row.kind = RequirementKind::usable_capacity;
        row.origin = origin_of(req.origin_kind);
        row.path = fmt::format("on {}", s.name);
        if (row.origin != document::Origin::spec)
            row.path += fmt::format(" ({} of workload '{}')",
                                    row.origin == document::Origin::retention ? "checkpoints kept" : "dataset", req.origin);
        row.asked = {req.usable.value(), Unit::bytes};
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
        auto l = make_line(
            Team::storage, LineKind::capacity, "usable capacity, at the fill limit", fmt::format("storage system '{}'", s.name),
            req.id, s.name, {cr.required.value(), Unit::bytes}, {cr.plannable.value(), Unit::bytes},
            row.derivation + fmt::format("; {} servers needed for capacity alone", format_count(cr.servers_needed)));
        l.status = cr.met ? Status::ok : Status::short_of;
        teams.storage.push_back(l);
        rep.requirements.push_back(row);
    }
}

// Each team's tightest line: least headroom, the first of equals (within the "met" tolerance); a taper
// line restates a link line, rounded to whole uplinks, so it is never the headline.
document::TeamLines team_lines(Team team, std::vector<Line> lines) {
    document::TeamLines t{team, std::move(lines), std::nullopt};
    for (std::size_t i = 0; i < t.lines.size(); ++i) {
        const auto& l = t.lines[i];
        if (l.kind == LineKind::taper) continue;
        if (!t.tightest || l.headroom < t.lines[*t.tightest].headroom - analysis::k_met_tol) t.tightest = i;
    }
    return t;
}

void derive_fixes(const analysis::Analysis& a, document::Report& rep) {
    for (const auto& f : a.fixes) {
        document::Fix fix;
        fix.requirement = f.requirement;
        for (const auto& ch : f.changes) {
            document::Fix::Option o;
            o.key = fmt::format("fix/{}/{}", document::key_part(f.requirement), ch.knob);
            o.knob = ch.knob;
            o.what = ch.what;
            o.from = Figure{static_cast<double>(ch.from), Unit::count};
            if (ch.to > 0) {
                o.to = Figure{static_cast<double>(ch.to), Unit::count};
                if (ch.achievable_at_to.value() > 0) o.achievable = Figure{ch.achievable_at_to.value(), Unit::rate};
            }
            o.note = ch.why_not;
            fix.options.push_back(o);
        }
        rep.fixes.push_back(fix);
    }
}

} // namespace

document::Report derive(const spec::Spec& spec, const model::SystemGraph& g, const analysis::Analysis& a,
                        const analysis::Sizing& sizing) {
    document::Report rep;
    rep.title = spec.name;
    rep.spec_file = spec.file;
    rep.margin = spec.margin;
    rep.all_met = analysis::unmet(a).empty() && sizing.problem.empty();
    TeamLists teams;
    derive_bandwidth(spec, g, a, rep, teams);
    derive_capacity(spec, a, rep, teams);
    derive_workloads(spec, a, rep, teams);
    derive_storage(spec, a, rep, teams);
    derive_scenarios(spec, g, a, rep);
    derive_tenants(a.effective, a, rep);
    for (const auto& z : sizing.sized) rep.sized.push_back({"sized/" + z.knob, z.knob, z.value, z.forced_by, z.loc.line, z.met});
    rep.sizing_problem = sizing.problem;
    rep.teams = {team_lines(Team::compute, std::move(teams.compute)), team_lines(Team::network, std::move(teams.network)),
                 team_lines(Team::storage, std::move(teams.storage))};
    derive_fixes(a, rep);
    derive_inventory(spec, g, rep);
    derive_facilities(spec, g, a, rep);
    derive_finance(spec, a, rep);
    return rep;
}

} // namespace archplan::derive
