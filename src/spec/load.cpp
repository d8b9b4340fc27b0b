// The loader: YAML text -> validated Spec, with every input error collected as a diagnostic.
#include "archplan/spec/knobs.hpp"
#include "archplan/spec/spec.hpp"
#include "loader.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <set>
#include <sstream>

namespace archplan::spec {
namespace {

using namespace detail;

// Finds the first node of any document after the first, without building any nodes.
class DocumentCounter final : public YAML::EventHandler {
public:
    std::optional<SourceLoc> later_document_content;

    void OnDocumentStart(const YAML::Mark&) override { ++m_documents; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { content(m); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { content(m); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
        content(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override { content(m); }
    void OnMapEnd() override {}

private:
    void content(const YAML::Mark& m) {
        if (m_documents >= 2 && !later_document_content) later_document_content = SourceLoc{m.line + 1, m.column + 1};
    }
    int m_documents = 0;
};

// `parts: {node: dgx-h100, nic: {name: connectx-7-400g, price: 2000 USD}}`: each slot a part of its kind.
struct PartSlot {
    const char* key;
    PartKind kind;
    std::optional<Part>* out;
};
bool load_part_slots(Loader& L, const YAML::Node& n, const std::string& path, const std::vector<PartSlot>& slots) {
    Keys keys;
    for (const auto& s : slots) keys.push_back(s.key);
    auto e = L.entries(n, path, keys, {});
    if (!n.IsMap()) return false;
    bool ok = true;
    for (const auto& s : slots) {
        if (!e.count(s.key)) continue;
        auto part = part_ref(L, e[s.key], path + "." + s.key, *L.catalog, s.kind, L.file);
        if (part)
            *s.out = std::move(part);
        else
            ok = false;
    }
    return ok;
}

std::optional<Metadata> load_metadata(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"servers", "creates", "opens"}, {"servers", "creates"});
    Metadata m;
    m.loc = loc_of(n);
    bool ok = e.count("servers") && e.count("creates");
    if (e.count("servers")) {
        auto v = L.integer(e["servers"], path + ".servers", 1, 100'000);
        take(v, m.servers, ok);
    }
    if (e.count("creates")) {
        auto v = L.quantity(e["creates"], path + ".creates", units::Kind::frequency, true);
        take(v, m.creates_per_second, ok);
    }
    if (e.count("opens")) {
        auto v = L.quantity(e["opens"], path + ".opens", units::Kind::frequency, true);
        take(v, m.opens_per_second, ok);
    }
    if (!ok) return std::nullopt;
    return m;
}

std::optional<Failures> load_failures(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"node_mtbf", "job_mtbf", "interruptions", "over", "nodes"}, {});
    Failures f;
    f.loc = loc_of(n);
    if (!n.IsMap()) return std::nullopt;
    int forms = static_cast<int>(e.count("node_mtbf") + e.count("job_mtbf") + e.count("interruptions"));
    if (forms != 1) {
        L.error(n, path, "give exactly one of 'node_mtbf: 6330 h', 'job_mtbf: 3 h' or 'interruptions: 419, over: 54 d'");
        return std::nullopt;
    }
    bool ok = true;
    if (e.count("node_mtbf")) {
        auto v = L.quantity(e["node_mtbf"], path + ".node_mtbf", units::Kind::duration, true);
        take(v, f.node_mtbf, ok);
    }
    if (e.count("job_mtbf")) {
        auto v = L.quantity(e["job_mtbf"], path + ".job_mtbf", units::Kind::duration, true);
        take(v, f.job_mtbf, ok);
    }
    if (e.count("interruptions")) {
        auto v = L.real(e["interruptions"], path + ".interruptions");
        take(v, f.interruptions, ok);
        if (!e.count("over")) {
            L.error(n, path, "'interruptions' needs 'over', the period they were counted in (e.g. 'over: 54 d')");
            ok = false;
        } else {
            auto p = L.quantity(e["over"], path + ".over", units::Kind::duration, true);
            take(p, f.period, ok);
        }
        if (e.count("nodes")) {
            auto c = L.integer(e["nodes"], path + ".nodes", 1, 10'000'000);
            take(c, f.observed_nodes, ok);
        }
    } else if (e.count("over") || e.count("nodes")) {
        L.error(n, path, "'over' and 'nodes' go with 'interruptions'");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return f;
}

bool load_checkpoint(Loader& L, const YAML::Node& n, const std::string& path, Workload& w) {
    auto e = L.entries(n, path,
                       {"from", "to", "size", "parameters", "bytes_per_parameter", "ranks_per_node", "files_per_rank",
                        "directory", "interval", "failures", "restart", "goodput", "local", "keep"},
                       {"from", "to", "failures", "restart"});
    if (!n.IsMap()) return false;
    auto& c = w.checkpoint;
    bool ok = e.count("from") && e.count("to") && e.count("failures") && e.count("restart");
    auto get_name = [&](const char* key, std::string& out) {
        if (!e.count(key)) return;
        auto v = L.name(e[key], path + "." + key);
        take(v, out, ok);
    };
    get_name("from", w.from);
    get_name("to", w.to);
    if (e.count("size") == e.count("parameters")) {
        L.error(n, path,
                "give exactly one of 'size: 5.67 TB' or 'parameters: 405e9' (with optional 'bytes_per_parameter', default 14)");
        ok = false;
    } else if (e.count("size")) {
        auto v = L.quantity(e["size"], path + ".size", units::Kind::size, true);
        take(v, c.size, ok);
        if (e.count("bytes_per_parameter")) {
            L.error(e["bytes_per_parameter"], path + ".bytes_per_parameter",
                    "'bytes_per_parameter' goes with 'parameters', not 'size'");
            ok = false;
        }
    } else {
        auto v = L.real(e["parameters"], path + ".parameters");
        take(v, c.parameters, ok);
        if (e.count("bytes_per_parameter")) {
            auto b = L.real(e["bytes_per_parameter"], path + ".bytes_per_parameter");
            take(b, c.bytes_per_parameter, ok);
        }
    }
    if (e.count("ranks_per_node")) {
        auto v = L.integer(e["ranks_per_node"], path + ".ranks_per_node", 1, 1024);
        take(v, c.ranks_per_node, ok);
    }
    if (e.count("files_per_rank")) {
        auto v = L.integer(e["files_per_rank"], path + ".files_per_rank", 1, 100'000);
        take(v, c.files_per_rank, ok);
    }
    if (e.count("directory")) {
        auto v = L.one_of(e["directory"], path + ".directory", {"shared", "striped"});
        if (!v)
            ok = false;
        else
            c.striped_directory = *v == "striped";
    }
    if (e.count("interval")) {
        auto v = L.quantity(e["interval"], path + ".interval", units::Kind::duration, true);
        take(v, c.interval, ok);
    }
    if (e.count("failures")) {
        auto f = load_failures(L, e["failures"], path + ".failures");
        take(f, c.failures, ok);
    }
    if (e.count("restart")) {
        auto v = L.quantity(e["restart"], path + ".restart", units::Kind::duration, false);
        take(v, c.restart, ok);
    }
    if (e.count("goodput")) {
        auto v = L.ratio(e["goodput"], path + ".goodput", 0.0, 1.0, true);
        if (v && *v >= 1.0) {
            L.error(e["goodput"], path + ".goodput", "a goodput of 100% needs failure-free hardware; give a target below 100%");
            ok = false;
        } else
            take(v, c.goodput, ok);
    }
    if (e.count("keep")) {
        auto v = L.integer(e["keep"], path + ".keep", 1, 100'000);
        take(v, c.keep, ok);
    }
    if (e.count("local")) {
        auto lp = path + ".local";
        auto le = L.entries(e["local"], lp, {"rate", "capacity"}, {"rate", "capacity"});
        auto r = le.count("rate") ? L.quantity(le["rate"], lp + ".rate", units::Kind::rate, true) : std::nullopt;
        auto cap = le.count("capacity") ? L.quantity(le["capacity"], lp + ".capacity", units::Kind::size, true) : std::nullopt;
        if (r && cap)
            c.local = LocalTier{BytesPerSecond(*r), Bytes(*cap), loc_of(e["local"])};
        else
            ok = false;
    }
    return ok;
}

bool load_data_loading(Loader& L, const YAML::Node& n, const std::string& path, Workload& w) {
    auto e = L.entries(n, path,
                       {"from", "to", "accelerators_per_node", "per_accelerator", "samples", "sample_size", "samples_per_file",
                        "tokens", "bytes_per_token", "dataset", "access"},
                       {"from", "to"});
    if (!n.IsMap()) return false;
    auto& d = w.data;
    bool ok = e.count("from") && e.count("to");
    auto get_name = [&](const char* key, std::string& out) {
        if (!e.count(key)) return;
        auto v = L.name(e[key], path + "." + key);
        take(v, out, ok);
    };
    get_name("from", w.from);
    get_name("to", w.to);
    if (e.count("accelerators_per_node")) {
        auto v = L.integer(e["accelerators_per_node"], path + ".accelerators_per_node", 1, 1024);
        take(v, d.accelerators_per_node, ok);
    }
    int forms = static_cast<int>(e.count("per_accelerator") + e.count("samples") + e.count("tokens"));
    if (forms != 1) {
        L.error(n, path,
                "give the demand per accelerator as exactly one of 'per_accelerator: 2.9 GB/s', "
                "'samples: 3000/s' with 'sample_size', or 'tokens: 4000/s' with 'bytes_per_token'");
        return false;
    }
    auto need = [&](const char* key, const char* with) {
        if (!e.count(key)) {
            L.error(n, path, fmt::format("'{}' needs '{}'", with, key));
            ok = false;
            return false;
        }
        return true;
    };
    auto forbid = [&](const char* key, const char* with) {
        if (e.count(key)) {
            L.error(e[key], path + "." + key, fmt::format("'{}' goes with '{}'", key, with));
            ok = false;
        }
    };
    if (e.count("per_accelerator")) {
        auto v = L.quantity(e["per_accelerator"], path + ".per_accelerator", units::Kind::rate, true);
        take(v, d.per_accelerator, ok);
        forbid("sample_size", "samples");
        forbid("samples_per_file", "samples");
        forbid("bytes_per_token", "tokens");
    } else if (e.count("samples")) {
        auto v = L.quantity(e["samples"], path + ".samples", units::Kind::frequency, true);
        take(v, d.samples_per_second, ok);
        if (need("sample_size", "samples")) {
            auto s = L.quantity(e["sample_size"], path + ".sample_size", units::Kind::size, true);
            take(s, d.sample_size, ok);
        }
        if (e.count("samples_per_file")) {
            auto s = L.real(e["samples_per_file"], path + ".samples_per_file");
            take(s, d.samples_per_file, ok);
        }
        forbid("bytes_per_token", "tokens");
    } else {
        auto v = L.quantity(e["tokens"], path + ".tokens", units::Kind::frequency, true);
        take(v, d.tokens_per_second, ok);
        if (need("bytes_per_token", "tokens")) {
            auto b = L.real(e["bytes_per_token"], path + ".bytes_per_token");
            take(b, d.bytes_per_token, ok);
        }
        forbid("sample_size", "samples");
        forbid("samples_per_file", "samples");
    }
    if (e.count("dataset")) {
        auto v = L.quantity(e["dataset"], path + ".dataset", units::Kind::size, true);
        take(v, d.dataset, ok);
    }
    if (e.count("access")) {
        auto v = L.one_of(e["access"], path + ".access", {"sequential", "random"});
        if (!v)
            ok = false;
        else
            d.access = *v == "random" ? Access::random : Access::sequential;
    }
    return ok;
}

std::optional<Workload> load_workload(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"id", "checkpoint", "data_loading"}, {"id"});
    if (!n.IsMap()) return std::nullopt;
    Workload w;
    w.loc = loc_of(n);
    bool ok = e.count("id") > 0;
    if (e.count("id")) {
        auto v = L.name(e["id"], path + ".id");
        take(v, w.id, ok);
    }
    if (e.count("checkpoint") + e.count("data_loading") != 1) {
        L.error(n, path, "a workload is exactly one of 'checkpoint: {...}' or 'data_loading: {...}'");
        return std::nullopt;
    }
    if (e.count("checkpoint")) {
        w.kind = Workload::Kind::checkpoint;
        ok = load_checkpoint(L, e["checkpoint"], path + ".checkpoint", w) && ok;
    } else {
        w.kind = Workload::Kind::data_loading;
        ok = load_data_loading(L, e["data_loading"], path + ".data_loading", w) && ok;
    }
    if (!ok) return std::nullopt;
    return w;
}

std::optional<Concurrent> load_concurrent(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"id", "requirements"}, {"id", "requirements"});
    if (!n.IsMap()) return std::nullopt;
    Concurrent c;
    c.loc = loc_of(n);
    bool ok = e.count("id") && e.count("requirements");
    if (e.count("id")) {
        auto v = L.name(e["id"], path + ".id");
        take(v, c.id, ok);
    }
    if (e.count("requirements")) {
        // Listed twice it would be counted twice: the group would ask for its bandwidth two times over.
        auto ids = L.id_list(e["requirements"], path + ".requirements", 2, "expected a list of at least two requirement ids",
                             "; a concurrent group names each requirement once");
        if (ids)
            c.requirements = std::move(*ids);
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return c;
}

std::optional<Protection> load_protection(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"erasure", "replicas", "where"}, {"where"});
    if (!n.IsMap()) return std::nullopt; // entries() said so; "give exactly one of" would only repeat it
    Protection p;
    p.loc = loc_of(n);
    if (e.count("erasure") == e.count("replicas")) {
        L.error(n, path, "give exactly one of 'erasure: k+m' or 'replicas: r'");
        return std::nullopt;
    }
    bool ok = true;
    if (e.count("erasure")) {
        auto s = L.scalar(e["erasure"], path + ".erasure", "k+m, e.g. 8+2");
        if (!s) return std::nullopt;
        // Digits '+' digits, nothing else: sscanf("%d") would take signs and spaces, and overflow is undefined.
        int k = 0, m = 0;
        auto digits = [](const std::string& t, int& out) {
            if (t.empty() || t.size() > 3 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return false;
            out = std::stoi(t);
            return true;
        };
        auto plus = s->find('+');
        bool parsed = plus != std::string::npos && digits(s->substr(0, plus), k) && digits(s->substr(plus + 1), m);
        if (!parsed || k < 1 || m < 0 || k > 64 || m > 16) {
            L.error(e["erasure"], path + ".erasure",
                    fmt::format("expected k+m with 1 <= k <= 64 data and 0 <= m <= 16 parity chunks, e.g. 8+2, got '{}'", *s));
            ok = false;
        }
        p.k = k;
        p.m = m;
    } else {
        auto r = L.integer(e["replicas"], path + ".replicas", 1, 8);
        if (!r)
            ok = false;
        else
            p.replicas = *r;
    }
    if (e.count("where")) {
        auto w = L.one_of(e["where"], path + ".where", {"server", "client", "primary"});
        if (!w)
            ok = false;
        else if (*w == "server")
            p.where = ProtectionWhere::server;
        else if (*w == "client")
            p.where = ProtectionWhere::client;
        else
            p.where = ProtectionWhere::primary;
    }
    if (!ok) return std::nullopt;
    return p;
}

// The drives in one server: how many, how large and how fast, and for durability how often they fail
// and how often a read hits an unrecoverable error. Returns false when any of it is invalid.
bool load_drives(Loader& L, const YAML::Node& n, const std::string& dp, const std::string& storage_name, Drives& d) {
    auto de = L.entries(
        n, dp, {"count", "capacity", "read", "write", "afr", "mttf", "ure", "field_afr", "kind", "rpm", "seek", "steady_write"},
        {"count", "capacity", "read", "write"});
    d.loc = loc_of(n);
    bool ok = true;
    auto c = de.count("count")
                 ? L.count_or_auto(de["count"], dp + ".count", 1, 10'000, knob_path(KnobKind::drives_per_server, storage_name))
                 : std::nullopt;
    auto cap = de.count("capacity") ? L.quantity(de["capacity"], dp + ".capacity", units::Kind::size, true) : std::nullopt;
    auto r = de.count("read") ? L.quantity(de["read"], dp + ".read", units::Kind::rate, true) : std::nullopt;
    auto w = de.count("write") ? L.quantity(de["write"], dp + ".write", units::Kind::rate, true) : std::nullopt;
    if (c && cap && r && w) {
        d.count = *c;
        d.capacity = Bytes(*cap);
        d.read = BytesPerSecond(*r);
        d.write = BytesPerSecond(*w);
    } else
        ok = false;
    if (de.count("afr") && de.count("mttf")) {
        L.error(n, dp, "give the drive failure rate as one of 'afr: 1.5%' or 'mttf: 2500000 h', not both");
        ok = false;
    } else if (de.count("afr")) {
        auto v = L.ratio(de["afr"], dp + ".afr", 0.0, 1.0, true);
        take(v, d.afr, ok);
    } else if (de.count("mttf")) {
        auto v = L.quantity(de["mttf"], dp + ".mttf", units::Kind::duration, true);
        take(v, d.mttf, ok);
    }
    if (de.count("kind")) {
        auto v = L.one_of(de["kind"], dp + ".kind", {"hdd", "flash"});
        if (!v)
            ok = false;
        else
            d.kind = *v == "hdd" ? Drives::Kind::hdd : Drives::Kind::flash;
    }
    if (de.count("rpm")) {
        auto v = L.integer(de["rpm"], dp + ".rpm", 3600, 20000);
        take(v, d.rpm, ok);
    }
    if (de.count("seek")) {
        auto v = L.quantity(de["seek"], dp + ".seek", units::Kind::duration, true);
        take(v, d.seek, ok);
    }
    if (de.count("steady_write")) {
        auto v = L.quantity(de["steady_write"], dp + ".steady_write", units::Kind::rate, true);
        take(v, d.steady_write, ok);
    }
    if ((de.count("rpm") || de.count("seek")) && d.kind != Drives::Kind::hdd) {
        L.error(de.count("rpm") ? de["rpm"] : de["seek"], dp, "'rpm' and 'seek' describe a disk: add 'kind: hdd'");
        ok = false;
    }
    if (de.count("steady_write") && d.kind != Drives::Kind::flash) {
        L.error(de["steady_write"], dp + ".steady_write", "'steady_write' describes flash: add 'kind: flash'");
        ok = false;
    }
    if (de.count("field_afr")) {
        auto v = L.ratio(de["field_afr"], dp + ".field_afr", 0.0, 1.0, true);
        take(v, d.field_afr, ok);
    }
    if (de.count("ure")) {
        auto v = L.real(de["ure"], dp + ".ure");
        if (v && *v >= 1) {
            L.error(de["ure"], dp + ".ure", "expected errors per bit read, e.g. 1e-15");
            ok = false;
        } else
            take(v, d.ure, ok);
    }
    return ok;
}

// One storage server: its NIC, the controller's ceilings in each direction, and its drives.
// Returns false when any of it is missing or invalid.
// How often a server goes down and for how long: a rate, the reboot and replacement times, and the share
// of outages that are replacements. Returns false when any of it is missing or invalid.
bool load_server_failures(Loader& L, const YAML::Node& n, const std::string& fp, ServerFailures& f) {
    auto fe = L.entries(n, fp, {"per_year", "reboot", "replace", "replaced"}, {"per_year", "reboot", "replace", "replaced"});
    f.loc = loc_of(n);
    if (!n.IsMap()) return false;
    bool ok = fe.count("per_year") && fe.count("reboot") && fe.count("replace") && fe.count("replaced");
    if (fe.count("per_year")) {
        auto v = L.real(fe["per_year"], fp + ".per_year");
        if (v && !(*v > 0 && *v <= 1000)) {
            L.error(fe["per_year"], fp + ".per_year",
                    fmt::format("expected outages per server per year, above 0 and at most 1000, got {}", *v));
            ok = false;
        } else
            take(v, f.per_year, ok);
    }
    if (fe.count("reboot")) {
        auto v = L.quantity(fe["reboot"], fp + ".reboot", units::Kind::duration, true);
        take(v, f.reboot, ok);
    }
    if (fe.count("replace")) {
        auto v = L.quantity(fe["replace"], fp + ".replace", units::Kind::duration, true);
        take(v, f.replace, ok);
    }
    if (fe.count("replaced")) {
        auto v = L.ratio(fe["replaced"], fp + ".replaced", 0.0, 1.0, false);
        take(v, f.replaced, ok);
    }
    return ok;
}

bool load_server(Loader& L, const YAML::Node& n, const std::string& sp, StorageSystem& s) {
    auto se = L.entries(n, sp, {"nic", "limit", "drives", "failures"}, {"nic", "limit", "drives"});
    bool ok = se.count("nic") && se.count("limit") && se.count("drives");
    if (se.count("nic")) {
        auto v = L.nic(se["nic"], sp + ".nic", knob_path(KnobKind::server_nic_ports, s.name));
        take(v, s.nic, ok);
    }
    if (se.count("limit")) {
        auto lp = sp + ".limit";
        auto le = L.entries(se["limit"], lp, {"read", "write"}, {"read", "write"});
        auto r = le.count("read") ? L.quantity(le["read"], lp + ".read", units::Kind::rate, true) : std::nullopt;
        auto w = le.count("write") ? L.quantity(le["write"], lp + ".write", units::Kind::rate, true) : std::nullopt;
        if (r && w) {
            s.limit_read = BytesPerSecond(*r);
            s.limit_write = BytesPerSecond(*w);
        } else
            ok = false;
    }
    if (se.count("drives") && !load_drives(L, se["drives"], sp + ".drives", s.name, s.drives)) ok = false;
    if (se.count("failures") && !load_server_failures(L, se["failures"], sp + ".failures", s.server_failures)) ok = false;
    return ok;
}

// How a failed drive is rebuilt. Every key is optional. Returns false when any of it is invalid.
bool load_rebuild(Loader& L, const YAML::Node& n, const std::string& rp, Rebuild& rebuild) {
    auto re = L.entries(n, rp, {"mode", "share", "width", "delay", "priority"}, {});
    rebuild.loc = loc_of(n);
    bool ok = true;
    if (re.count("mode")) {
        auto v = L.one_of(re["mode"], rp + ".mode", {"spare", "declustered"});
        if (!v)
            ok = false;
        else
            rebuild.mode = *v == "spare" ? Rebuild::Mode::spare : Rebuild::Mode::declustered;
    }
    if (re.count("share")) {
        auto v = L.ratio(re["share"], rp + ".share", 0.0, 1.0, true);
        take(v, rebuild.share, ok);
    }
    if (re.count("width")) {
        auto v = L.integer(re["width"], rp + ".width", 2, 10'000'000);
        take(v, rebuild.width, ok);
    }
    if (re.count("delay")) {
        auto v = L.quantity(re["delay"], rp + ".delay", units::Kind::duration, false); // the parser refuses negatives
        take(v, rebuild.delay, ok);
    }
    if (re.count("priority")) {
        auto v = L.one_of(re["priority"], rp + ".priority", {"none", "critical-first"});
        if (!v)
            ok = false;
        else
            rebuild.priority = *v == "none" ? Rebuild::Priority::none : Rebuild::Priority::critical_first;
    }
    return ok;
}

// High availability: `ha: {mode: pair, failover: 60 s}` (or `mode: none`). Returns false when invalid.
bool load_ha(Loader& L, const YAML::Node& n, const std::string& hp, HighAvailability& ha) {
    if (n.IsScalar()) {
        L.error(n, hp, "expected a map: 'ha: {mode: pair, failover: 60 s}' (a pair's failover time is part of the design)");
        return false;
    }
    auto he = L.entries(n, hp, {"mode", "failover"}, {"mode"});
    ha.loc = loc_of(n);
    if (!n.IsMap()) return false;
    bool ok = he.count("mode") > 0;
    if (he.count("mode")) {
        auto v = L.one_of(he["mode"], hp + ".mode", {"none", "pair"});
        if (!v)
            ok = false;
        else
            ha.mode = *v == "pair" ? HighAvailability::Mode::pair : HighAvailability::Mode::none;
    }
    if (he.count("failover")) {
        auto v = L.quantity(he["failover"], hp + ".failover", units::Kind::duration, false);
        take(v, ha.failover, ok);
    }
    if (ok && ha.pairs() && !he.count("failover")) {
        L.error(n, hp, "'mode: pair' needs the failover time: the partner takes over after it, e.g. 'failover: 60 s'");
        ok = false;
    }
    if (ok && !ha.pairs() && he.count("failover")) {
        L.error(he["failover"], hp + ".failover", "'failover' describes a pair: use 'mode: pair'");
        ok = false;
    }
    return ok;
}

std::optional<StorageSystem> load_storage(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path,
                       {"name", "kind", "servers", "server", "protection", "failure_domain", "per_rack", "ha", "allocator",
                        "cluster", "fill_limit", "spares", "reserve", "io_size", "rebuild", "metadata", "parts"},
                       {"name", "servers", "server", "protection"});
    StorageSystem s;
    s.loc = loc_of(n);
    bool ok = e.count("name") && e.count("servers") && e.count("server") && e.count("protection");
    if (e.count("name")) {
        auto v = L.name(e["name"], path + ".name");
        take(v, s.name, ok);
    }
    if (e.count("kind")) {
        auto v = L.one_of(e["kind"], path + ".kind", {"parallel-fs", "object", "nfs", "block"}, "kind");
        take(v, s.kind, ok);
    }
    if (e.count("servers")) {
        // 100,000 at most: the explicit graph stays in memory.
        auto v = L.count_or_auto(e["servers"], path + ".servers", 1, 100'000, knob_path(KnobKind::storage_servers, s.name));
        take(v, s.servers, ok);
    }
    if (e.count("fill_limit")) {
        auto v = L.ratio(e["fill_limit"], path + ".fill_limit", 0.0, 1.0, true);
        take(v, s.fill_limit, ok);
    }
    if (e.count("server") && !load_server(L, e["server"], path + ".server", s)) ok = false;
    if (e.count("rebuild") && !load_rebuild(L, e["rebuild"], path + ".rebuild", s.rebuild)) ok = false;
    if (e.count("spares")) {
        auto v = L.ratio(e["spares"], path + ".spares", 0.0, 0.9, false);
        take(v, s.spares, ok);
    }
    if (e.count("reserve")) {
        auto v = L.ratio(e["reserve"], path + ".reserve", 0.0, 0.9, false);
        take(v, s.reserve, ok);
    }
    if (e.count("failure_domain")) {
        auto v = L.one_of(e["failure_domain"], path + ".failure_domain", {"server", "leaf", "rack"});
        if (!v) {
            ok = false;
        } else {
            s.failure_domain = *v == "leaf"   ? StorageSystem::FailureDomain::leaf
                               : *v == "rack" ? StorageSystem::FailureDomain::rack
                                              : StorageSystem::FailureDomain::server;
        }
    }
    if (e.count("per_rack")) {
        auto v = L.integer(e["per_rack"], path + ".per_rack", 1, 1000);
        take(v, s.per_rack, ok);
    }
    if (e.count("ha") && !load_ha(L, e["ha"], path + ".ha", s.ha)) ok = false;
    if (e.count("cluster")) {
        auto cp = path + ".cluster";
        auto ce = L.entries(e["cluster"], cp, {"network", "nic"}, {"network", "nic"});
        StorageSystem::Cluster c;
        c.loc = loc_of(e["cluster"]);
        auto net = ce.count("network") ? L.name(ce["network"], cp + ".network") : std::nullopt;
        auto nic = ce.count("nic") ? L.nic(ce["nic"], cp + ".nic", "") : std::nullopt;
        if (net && nic) {
            c.network = *net;
            c.nic = *nic;
            s.cluster = c;
        } else
            ok = false;
    }
    if (e.count("allocator")) {
        auto v = L.one_of(e["allocator"], path + ".allocator", {"stripe-all", "avoid-degraded"});
        if (!v)
            ok = false;
        else
            s.allocator = *v == "stripe-all" ? Allocator::stripe_all : Allocator::avoid_degraded;
    }
    if (e.count("io_size")) {
        auto v = L.quantity(e["io_size"], path + ".io_size", units::Kind::size, true);
        take(v, s.io_size, ok);
    }
    if (e.count("metadata")) {
        auto m = load_metadata(L, e["metadata"], path + ".metadata");
        take(m, s.metadata, ok);
    }
    if (e.count("protection")) {
        auto p = load_protection(L, e["protection"], path + ".protection");
        take(p, s.protection, ok);
    }
    if (ok && s.failure_domain == StorageSystem::FailureDomain::rack && s.per_rack == 0) {
        L.error(e["failure_domain"], path + ".failure_domain",
                "a rack failure domain needs the servers per rack: add 'per_rack', e.g. 'per_rack: 4'");
        ok = false;
    }
    if (ok && s.ha.pairs() && s.servers % 2 != 0 && e["servers"].Scalar() != "auto") {
        L.error(
            e["servers"], path + ".servers",
            fmt::format("'ha: pair' puts servers in failover pairs: expected an even number of servers, got {} (use {} or {})",
                        s.servers, s.servers - 1, s.servers + 1));
        ok = false;
    }
    if (ok && s.ha.pairs() && s.per_rack % 2 != 0) {
        L.error(e["per_rack"], path + ".per_rack",
                fmt::format("'ha: pair' keeps the two servers of a pair in one rack (they share the media): expected an even "
                            "number of servers per rack, got {}",
                            s.per_rack));
        ok = false;
    }
    if (ok && s.failure_domain != StorageSystem::FailureDomain::server && s.protection.where == ProtectionWhere::server) {
        L.error(e["failure_domain"], path + ".failure_domain",
                "a failure domain places chunks across servers; with 'where: server' every chunk is inside one server");
        ok = false;
    }
    if (e.count("parts") && !load_part_slots(L, e["parts"], path + ".parts",
                                             {{"server", PartKind::server, &s.server_part},
                                              {"drive", PartKind::drive, &s.drive_part},
                                              {"enclosure", PartKind::enclosure, &s.enclosure_part}}))
        ok = false;
    if (!ok) return std::nullopt;
    return s;
}

// `isolation: {overlay: vxlan, encryption: ipsec-tunnel, offload: nic, mtu: 9000}`: every key given (no silent
// default), `offload` when something is encrypted, `cpu_crypto` when the CPU does it.
bool load_isolation(Loader& L, const YAML::Node& n, const std::string& path, Network& net) {
    auto e = L.entries(n, path, {"overlay", "encryption", "offload", "mtu", "cpu_crypto"}, {"overlay", "encryption", "mtu"});
    if (!n.IsMap()) return false;
    Isolation iso;
    iso.loc = loc_of(n);
    bool ok = e.count("overlay") && e.count("encryption") && e.count("mtu");
    if (e.count("overlay")) {
        auto v = L.one_of(e["overlay"], path + ".overlay", {"none", "vxlan", "geneve"});
        if (v)
            iso.overlay = *v == "vxlan"    ? Isolation::Overlay::vxlan
                          : *v == "geneve" ? Isolation::Overlay::geneve
                                           : Isolation::Overlay::none;
        ok = ok && v;
    }
    if (e.count("encryption")) {
        auto v = L.one_of(e["encryption"], path + ".encryption", {"none", "macsec", "ipsec-transport", "ipsec-tunnel", "tls"});
        if (v)
            iso.encryption = *v == "macsec"            ? Isolation::Encryption::macsec
                             : *v == "ipsec-transport" ? Isolation::Encryption::ipsec_transport
                             : *v == "ipsec-tunnel"    ? Isolation::Encryption::ipsec_tunnel
                             : *v == "tls"             ? Isolation::Encryption::tls
                                                       : Isolation::Encryption::none;
        ok = ok && v;
    }
    if (e.count("mtu")) take(L.integer(e["mtu"], path + ".mtu", 1280, 9216), iso.mtu, ok);
    bool encrypted = iso.encryption != Isolation::Encryption::none;
    if (e.count("offload")) {
        auto v = L.one_of(e["offload"], path + ".offload", {"nic", "cpu"});
        if (v) iso.offload = *v == "cpu" ? Isolation::Offload::cpu : Isolation::Offload::nic;
        ok = ok && v;
    } else if (ok && encrypted) {
        L.error(n, path, "missing key 'offload': where does the encryption run, 'nic' or 'cpu'?");
        ok = false;
    }
    if (e.count("cpu_crypto"))
        take(L.quantity(e["cpu_crypto"], path + ".cpu_crypto", units::Kind::rate, true), iso.cpu_crypto, ok);
    if (ok && encrypted && iso.offload == Isolation::Offload::cpu && !e.count("cpu_crypto")) {
        L.error(n, path,
                "missing key 'cpu_crypto': with 'offload: cpu' give the rate one node's CPUs encrypt at, e.g. '20 GB/s'");
        ok = false;
    }
    if (!ok) return false;
    auto eff = isolation_efficiency(iso);
    iso.derivation = eff.derivation;
    net.efficiency = eff.efficiency;
    net.isolation = iso;
    return true;
}

std::optional<Network> load_network(Loader& L, const YAML::Node& n, const std::string& path) {
    // The payload efficiency is given, or follows from the isolation stack: one of the two.
    bool stack = n.IsMap() && n["isolation"];
    Keys must = n.IsMap() && n["dragonfly"] ? Keys{"name", "link", "leaves"} : Keys{"name", "link", "tiers", "leaves"};
    if (!stack) must.insert(must.begin() + 2, "efficiency");
    auto e = L.entries(n, path,
                       {"name", "link", "efficiency", "routing", "tiers", "dragonfly", "radix", "leaves", "spine", "aggregation",
                        "core", "parts", "isolation"},
                       must);
    Network net;
    net.loc = loc_of(n);
    bool ok = e.count("name") && e.count("link") && (e.count("efficiency") || stack) &&
              (e.count("tiers") || e.count("dragonfly")) && e.count("leaves");
    if (stack && e.count("efficiency")) {
        L.error(e["efficiency"], path + ".efficiency",
                "give 'efficiency' or 'isolation', not both: with 'isolation' the efficiency follows from its headers");
        ok = false;
    }
    if (e.count("isolation") && !load_isolation(L, e["isolation"], path + ".isolation", net)) ok = false;
    if (e.count("name")) {
        auto v = L.name(e["name"], path + ".name");
        take(v, net.name, ok);
    }
    if (e.count("link")) {
        auto v = L.quantity(e["link"], path + ".link", units::Kind::rate, true);
        take(v, net.link, ok);
    }
    if (e.count("efficiency")) {
        auto v = L.ratio(e["efficiency"], path + ".efficiency", 0.0, 1.0, true);
        take(v, net.efficiency, ok);
    }
    if (e.count("radix")) {
        auto v = L.integer(e["radix"], path + ".radix", 2, 4096);
        take(v, net.radix, ok);
    }
    if (e.count("routing")) {
        // `routing: adaptive`, `routing: static`, or `routing: {mode: static, flows: 8}`.
        const auto& rn = e["routing"];
        auto rp = path + ".routing";
        net.routing.loc = loc_of(rn);
        std::optional<std::string> mode;
        if (rn.IsMap()) {
            auto re = L.entries(rn, rp, {"mode", "flows"}, {"mode"});
            if (re.count("mode")) mode = L.one_of(re["mode"], rp + ".mode", {"adaptive", "static"});
            if (re.count("flows")) {
                auto f = L.integer(re["flows"], rp + ".flows", 1, 4096);
                take(f, net.routing.flows, ok);
                if (mode && *mode == "adaptive") {
                    L.error(re["flows"], rp + ".flows", "'flows' is hashed with static routing: use 'mode: static'");
                    ok = false;
                }
            }
        } else {
            mode = L.one_of(rn, rp, {"adaptive", "static"});
        }
        if (!mode)
            ok = false;
        else
            net.routing.mode = *mode == "static" ? Routing::Mode::static_hash : Routing::Mode::adaptive;
    }
    bool tiers_known = e.count("tiers") != 0;
    if (e.count("dragonfly")) {
        // A dragonfly's switches take endpoints directly: its leaf shapes have no uplinks, as one tier.
        if (e.count("tiers")) {
            L.error(e["tiers"], path + ".tiers", "a dragonfly has no tiers: remove 'tiers'");
            ok = false;
        }
        auto dp = path + ".dragonfly";
        auto de = L.entries(e["dragonfly"], dp, {"groups", "switches", "global", "paths"}, {"groups", "switches", "global"});
        Dragonfly d;
        d.loc = loc_of(e["dragonfly"]);
        auto gr = de.count("groups") ? L.integer(de["groups"], dp + ".groups", 2, 1024) : std::nullopt;
        auto sw = de.count("switches") ? L.integer(de["switches"], dp + ".switches", 1, 256) : std::nullopt;
        auto gl = de.count("global") ? L.integer(de["global"], dp + ".global", 1, 256) : std::nullopt;
        if (gr && sw && gl) {
            d.groups = *gr;
            d.switches = *sw;
            d.global = *gl;
        } else
            ok = false;
        if (de.count("paths")) {
            auto v = L.one_of(de["paths"], dp + ".paths", {"minimal", "valiant"});
            if (!v)
                ok = false;
            else
                d.paths = *v == "valiant" ? Dragonfly::Paths::valiant : Dragonfly::Paths::minimal;
        }
        net.dragonfly = d;
        net.tiers = 1;
        tiers_known = true;
    }
    if (e.count("tiers")) {
        auto v = L.integer(e["tiers"], path + ".tiers", 1, 3);
        if (v)
            net.tiers = *v;
        else
            ok = tiers_known = false;
    }
    if (e.count("leaves")) {
        auto lp = path + ".leaves";
        const auto& ln = e["leaves"];
        if (!ln.IsMap() || ln.size() == 0) {
            L.error(ln, lp,
                    fmt::format("expected a map from attached group to leaf shape, e.g. 'gpu: {{down: 32, up: 16}}', got {}",
                                type_name(ln)));
            ok = false;
        } else {
            std::set<std::string> seen;
            for (auto it = ln.begin(); it != ln.end(); ++it) {
                auto g = L.name(it->first, lp);
                if (!g) {
                    ok = false;
                    continue;
                }
                if (!seen.insert(*g).second) {
                    L.error(it->first, lp, fmt::format("duplicate key '{}'", *g));
                    ok = false;
                    continue;
                }
                auto sp = lp + "." + *g;
                L.note_value_site(it->first, it->second, sp);
                // One tier: the single switch has no uplinks. A mixed shape states its split instead of `down`.
                bool one_tier = tiers_known && net.tiers == 1;
                bool is_mixed = it->second.IsMap() && it->second["mixed"];
                Keys required;
                required.push_back(is_mixed ? "mixed" : "down");
                if (!one_tier) required.push_back("up");
                auto se = L.entries(it->second, sp, {"down", "mixed", "up", "breakout", "homing"}, required);
                if (se.count("down") && se.count("mixed")) {
                    L.error(it->second, sp, "give 'down' (one group) or 'mixed' (several, with their split), not both");
                    ok = false;
                }
                std::vector<LeafShape::Member> members;
                std::optional<int> d;
                if (is_mixed) {
                    const auto& mn = se["mixed"];
                    if (!mn.IsMap() || mn.size() == 0) {
                        L.error(mn, sp + ".mixed",
                                fmt::format("expected a map from attached group to its down ports on each leaf, e.g. 'mixed: "
                                            "{{gpu: 24, scratch: 8}}', got {}",
                                            type_name(mn)));
                        ok = false;
                    } else {
                        int sum = 0;
                        bool members_ok = true;
                        for (auto m = mn.begin(); m != mn.end(); ++m) {
                            auto mg = L.name(m->first, sp + ".mixed");
                            auto md = L.integer(m->second, sp + ".mixed." + (mg ? *mg : std::string("?")), 1, 4096);
                            if (mg && md) {
                                members.push_back({*mg, *md});
                                sum += *md;
                            } else
                                members_ok = false;
                        }
                        if (members_ok)
                            d = sum;
                        else
                            ok = false;
                    }
                } else {
                    d = se.count("down") ? L.integer(se["down"], sp + ".down", 1, 4096) : std::nullopt;
                    if (d) members.push_back({*g, *d});
                }
                std::optional<int> u;
                if (se.count("up")) {
                    if (one_tier) {
                        L.error(se["up"], sp + ".up",
                                net.dragonfly ? "a dragonfly's switches take endpoints directly and have no uplinks: remove 'up'"
                                              : "a single-switch fabric (tiers: 1) has no uplinks: remove 'up'");
                        ok = false;
                    } else
                        u = L.count_or_auto(se["up"], sp + ".up", 1, 4096, knob_path(KnobKind::leaf_uplinks, net.name, *g));
                } else if (one_tier)
                    u = 0;
                bool dual = false;
                if (se.count("homing")) {
                    auto h = L.one_of(se["homing"], sp + ".homing", {"single", "dual"});
                    if (!h)
                        ok = false;
                    else
                        dual = *h == "dual";
                }
                int breakout = 1;
                if (se.count("breakout")) {
                    auto b = L.integer(se["breakout"], sp + ".breakout", 1, 8);
                    if (b && (*b & (*b - 1)) != 0) {
                        L.error(se["breakout"], sp + ".breakout",
                                fmt::format("expected 1, 2, 4 or 8 host ports per switch port (a breakout cable splits a "
                                            "port's lanes evenly), got {}",
                                            *b));
                        b.reset();
                    }
                    if (b)
                        breakout = *b;
                    else
                        ok = false;
                }
                if (d && u) {
                    LeafShape shape{*g, *d, *u, loc_of(it->first), breakout, members, dual};
                    net.leaves.push_back(shape);
                } else
                    ok = false;
            }
        }
    }
    // With no valid tier count, which of spine / aggregation / core belong is unknown: judging them
    // against the default would add misleading errors ("this one has tiers: 2" after "tiers: 4").
    auto need = [&](const char* key, bool wanted) {
        if (!tiers_known) return;
        if (wanted && !e.count(key)) {
            L.error(n, path, fmt::format("a {}-tier fabric needs '{}'", net.tiers, key));
            ok = false;
        } else if (!wanted && e.count(key)) {
            L.error(e[key], path + "." + key,
                    fmt::format("'{}' belongs to a {}-tier fabric; this one has tiers: {}", key,
                                std::string(key) == "spine" ? 2 : 3, net.tiers));
            ok = false;
        }
    };
    if (net.dragonfly && net.routing.mode == Routing::Mode::static_hash) {
        // Refused rather than ignored: the derate is modelled at a fat tree's leaf and aggregation links only.
        L.error(e["routing"], path + ".routing",
                "static routing is modelled on fat trees only; a dragonfly's flows are spread over its global links as with "
                "adaptive routing: use 'routing: adaptive' (or leave it out)");
        ok = false;
    }
    if (e.count("parts")) {
        if (!load_part_slots(L, e["parts"], path + ".parts",
                             {{"switch", PartKind::switch_, &net.switch_part},
                              {"optic", PartKind::transceiver, &net.optic_part},
                              {"dac", PartKind::cable, &net.dac_part},
                              {"aoc", PartKind::cable, &net.aoc_part}}))
            ok = false;
        // The switch part is the switch: its ports are the radix (and must agree with one given).
        if (net.switch_part) {
            int ports = static_cast<int>(net.switch_part->ports.value);
            if (net.radix > 0 && net.radix != ports) {
                L.error(e["parts"], path + ".parts.switch",
                        fmt::format("part '{}' has {} ports, but 'radix' says {}", net.switch_part->name, ports, net.radix));
                ok = false;
            } else {
                net.radix = ports;
            }
        }
    }
    if (net.dragonfly) { // none of the fat tree's upper tiers
        for (const char* key : {"spine", "aggregation", "core"})
            if (e.count(key)) {
                L.error(e[key], path + "." + key, fmt::format("'{}' belongs to a fat tree; this network is a dragonfly", key));
                ok = false;
            }
        if (!ok) return std::nullopt;
        return net;
    }
    need("spine", net.tiers == 2);
    need("aggregation", net.tiers == 3);
    need("core", net.tiers == 3);
    if (tiers_known && net.tiers == 2 && e.count("spine")) {
        auto sp = path + ".spine";
        auto se = L.entries(e["spine"], sp, {"ports", "count"}, {"ports"});
        auto p = se.count("ports") ? L.integer(se["ports"], sp + ".ports", 1, 4096) : std::nullopt;
        take(p, net.spine_ports, ok);
        if (se.count("count")) {
            auto c = L.integer(se["count"], sp + ".count", 1, 100'000);
            take(c, net.spine_count, ok);
        }
    }
    if (tiers_known && net.tiers == 3 && e.count("aggregation") && e.count("core")) {
        auto ap = path + ".aggregation";
        auto ae = L.entries(e["aggregation"], ap, {"down", "up", "per_pod"}, {"down", "up"});
        if (ae.count("per_pod")) {
            auto v = L.integer(ae["per_pod"], ap + ".per_pod", 1, 4096);
            take(v, net.agg_per_pod, ok);
        }
        auto d = ae.count("down") ? L.integer(ae["down"], ap + ".down", 1, 4096) : std::nullopt;
        auto u = ae.count("up") ? L.integer(ae["up"], ap + ".up", 1, 4096) : std::nullopt;
        if (d && u) {
            net.agg_down = *d;
            net.agg_up = *u;
        } else
            ok = false;
        auto cp = path + ".core";
        auto ce = L.entries(e["core"], cp, {"ports"}, {"ports"});
        auto p = ce.count("ports") ? L.integer(ce["ports"], cp + ".ports", 1, 4096) : std::nullopt;
        take(p, net.core_ports, ok);
    }
    if (!ok) return std::nullopt;
    return net;
}

// A node's file-system client ceiling: both directions, strict rates like a server's limit.
// Returns false when any of it is missing or invalid.
bool load_client(Loader& L, const YAML::Node& n, const std::string& cp, ComputeGroup& g) {
    auto ce = L.entries(n, cp, {"read", "write"}, {"read", "write"});
    auto r = ce.count("read") ? L.quantity(ce["read"], cp + ".read", units::Kind::rate, true) : std::nullopt;
    auto w = ce.count("write") ? L.quantity(ce["write"], cp + ".write", units::Kind::rate, true) : std::nullopt;
    if (!r || !w) return false;
    g.client = ClientCeiling{BytesPerSecond(*r), BytesPerSecond(*w), loc_of(n)};
    return true;
}

std::optional<ComputeGroup> load_compute(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e =
        L.entries(n, path, {"name", "count", "storage_nic", "per_rack", "client", "parts"}, {"name", "count", "storage_nic"});
    ComputeGroup g;
    g.loc = loc_of(n);
    bool ok = e.count("name") && e.count("count") && e.count("storage_nic");
    if (e.count("name")) {
        auto v = L.name(e["name"], path + ".name");
        take(v, g.name, ok);
    }
    if (e.count("count")) {
        auto v = L.integer(e["count"], path + ".count", 1, 1'000'000); // the explicit graph stays in memory
        take(v, g.count, ok);
    }
    if (e.count("storage_nic")) {
        auto v = L.nic(e["storage_nic"], path + ".storage_nic", knob_path(KnobKind::compute_nic_ports, g.name));
        take(v, g.storage_nic, ok);
    }
    if (e.count("per_rack")) {
        auto v = L.integer(e["per_rack"], path + ".per_rack", 1, 1000);
        take(v, g.per_rack, ok);
    }
    if (e.count("client") && !load_client(L, e["client"], path + ".client", g)) ok = false;
    if (e.count("parts") && !load_part_slots(L, e["parts"], path + ".parts",
                                             {{"node", PartKind::node, &g.part}, {"nic", PartKind::nic, &g.nic_part}}))
        ok = false;
    if (!ok) return std::nullopt;
    return g;
}

std::optional<Scenario> load_scenario(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(
        n, path,
        {"id", "servers_down", "drives_down", "pool_drives_down", "racks_down", "spines_down", "leaves_down", "routers_down"},
        {"id"});
    if (!n.IsMap()) return std::nullopt;
    Scenario sc;
    sc.loc = loc_of(n);
    bool ok = e.count("id") > 0;
    if (e.count("id")) {
        auto v = L.name(e["id"], path + ".id");
        take(v, sc.id, ok);
    }
    // leaves_down may name a shape of one network: "network/shape".
    auto counts = [&](const char* key, std::vector<std::pair<std::string, int>>& out) {
        if (!e.count(key)) return;
        auto kp = path + "." + key;
        const auto& m = e[key];
        if (!m.IsMap() || m.size() == 0) {
            L.error(m, kp,
                    fmt::format("expected a map from name to count, e.g. '{}: {{scratch: 1}}', got {}", key, type_name(m)));
            ok = false;
            return;
        }
        for (auto it = m.begin(); it != m.end(); ++it) {
            std::optional<std::string> name;
            if (std::string(key) == "leaves_down" && it->first.IsScalar() && it->first.Scalar().find('/') != std::string::npos) {
                const auto& text = it->first.Scalar();
                auto slash = text.find('/');
                bool valid = slash > 0 && slash + 1 < text.size() &&
                             text.find_first_of(" \t\n.[]/", slash + 1) == std::string::npos &&
                             text.substr(0, slash).find_first_of(" \t\n.[]") == std::string::npos;
                if (valid)
                    name = text;
                else
                    L.error(it->first, kp, fmt::format("'{}' is not a valid 'network/shape' name", text));
            } else
                name = L.name(it->first, kp);
            auto count = L.integer(it->second, kp + "." + (name ? *name : std::string("?")), 1, 100'000);
            if (name && count)
                out.emplace_back(*name, *count);
            else
                ok = false;
        }
    };
    counts("servers_down", sc.servers_down);
    counts("drives_down", sc.drives_down);
    counts("pool_drives_down", sc.pool_drives_down);
    counts("spines_down", sc.top_switches_down);
    counts("leaves_down", sc.leaves_down);
    counts("racks_down", sc.racks_down);
    counts("routers_down", sc.routers_down);
    if (ok && sc.servers_down.empty() && sc.drives_down.empty() && sc.pool_drives_down.empty() && sc.top_switches_down.empty() &&
        sc.leaves_down.empty() && sc.racks_down.empty() && sc.routers_down.empty()) {
        L.error(n, path,
                "a scenario needs at least one of 'servers_down', 'drives_down', 'pool_drives_down', 'racks_down', "
                "'spines_down', 'leaves_down' or 'routers_down'");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return sc;
}

// Where each requirement wrote its id and references, index-aligned with spec.bandwidth and
// spec.capacity, so a reference error points at the offending value rather than the requirement.
struct RefSites {
    struct Sites {
        std::string path; // "requirements[2]"
        SourceLoc id, from, to, via, on;
    };
    std::vector<Sites> bandwidth, capacity, durability;
};

// A requirement is a bandwidth (read or write) or a usable capacity; its keys say which.
void load_requirement(Loader& L, const YAML::Node& n, const std::string& path, Spec& spec, RefSites& sites) {
    if (!n.IsMap()) {
        L.error(n, path, fmt::format("expected a map, got {}", type_name(n)));
        return;
    }
    if (n["nines"].IsDefined()) {
        auto e = L.entries(n, path, {"id", "nines", "on"}, {"id", "nines", "on"});
        auto id = e.count("id") ? L.name(e["id"], path + ".id") : std::nullopt;
        auto v = e.count("nines") ? L.real(e["nines"], path + ".nines") : std::nullopt;
        auto on = e.count("on") ? L.name(e["on"], path + ".on") : std::nullopt;
        double nines = v.value_or(0.0);
        if (nines > 20) {
            L.error(e["nines"], path + ".nines",
                    fmt::format("{} nines is beyond anything a model of independent failures can say; give at most 20", nines));
            nines = 0;
        }
        if (id && nines > 0 && on) {
            spec.durability.push_back(DurabilityRequirement{*id, nines, *on, loc_of(n)});
            RefSites::Sites at;
            at.path = path;
            at.id = loc_of(e["id"]);
            at.on = loc_of(e["on"]);
            sites.durability.push_back(at);
        }
        return;
    }
    bool is_capacity = n["usable"].IsDefined();
    if (is_capacity) {
        auto e = L.entries(n, path, {"id", "usable", "on"}, {"id", "usable", "on"});
        auto id = e.count("id") ? L.name(e["id"], path + ".id") : std::nullopt;
        auto u = e.count("usable") ? L.quantity(e["usable"], path + ".usable", units::Kind::size, true) : std::nullopt;
        auto on = e.count("on") ? L.name(e["on"], path + ".on") : std::nullopt;
        if (id && u && on) {
            spec.capacity.push_back(CapacityRequirement{*id, Bytes(*u), *on, loc_of(n), {}});
            RefSites::Sites at;
            at.path = path;
            at.id = loc_of(e["id"]);
            at.on = loc_of(e["on"]);
            sites.capacity.push_back(at);
        }
        return;
    }
    auto e = L.entries(n, path, {"id", "bandwidth", "direction", "from", "to", "via", "access", "usable", "on"},
                       {"id", "bandwidth", "direction", "from", "to"});
    BandwidthRequirement r;
    r.loc = loc_of(n);
    bool ok = e.count("id") && e.count("bandwidth") && e.count("direction") && e.count("from") && e.count("to");
    if (e.count("on")) {
        L.error(e["on"], path + ".on", "'on' belongs to a capacity requirement ('usable: 50 PB, on: scratch')");
        ok = false;
    }
    auto get_name = [&](const char* key, std::string& out) {
        if (!e.count(key)) return;
        auto v = L.name(e[key], path + "." + key);
        take(v, out, ok);
    };
    get_name("id", r.id);
    get_name("from", r.from);
    get_name("to", r.to);
    get_name("via", r.via);
    if (e.count("bandwidth")) {
        auto v = L.quantity(e["bandwidth"], path + ".bandwidth", units::Kind::rate, true);
        take(v, r.bandwidth, ok);
        // Legal, but a bits-for-bytes slip is a factor of 8: the reports show what was written beside its bytes.
        const auto& text = e["bandwidth"].Scalar();
        if (v && (text.find("b/s") != std::string::npos || text.find("bit") != std::string::npos)) r.written = text;
    }
    if (e.count("direction")) {
        auto v = L.one_of(e["direction"], path + ".direction", {"read", "write"});
        if (!v)
            ok = false;
        else
            r.direction = *v == "read" ? Direction::read : Direction::write;
    }
    if (e.count("access")) {
        auto v = L.one_of(e["access"], path + ".access", {"sequential", "random"});
        if (!v)
            ok = false;
        else
            r.access = *v == "random" ? Access::random : Access::sequential;
    }
    if (ok) {
        spec.bandwidth.push_back(r);
        RefSites::Sites at;
        at.path = path;
        at.id = loc_of(e["id"]);
        at.from = loc_of(e["from"]);
        at.to = loc_of(e["to"]);
        at.via = e.count("via") ? loc_of(e["via"]) : r.loc;
        sites.bandwidth.push_back(at);
    }
}

// Names must be unique within a section and references must resolve.
void check_references(const Spec& spec, const RefSites& sites, Diagnostics& diags) {
    std::map<std::string, SourceLoc> endpoints;
    auto unique = [&](const std::string& name, SourceLoc loc, const char* what) {
        auto [it, fresh] = endpoints.emplace(name, loc);
        if (!fresh)
            diags.error(loc, fmt::format("{} name '{}' is already used (line {}); compute groups, storage systems and router "
                                         "groups share one namespace",
                                         what, name, it->second.line));
    };
    for (const auto& g : spec.compute) unique(g.name, g.loc, "compute group");
    for (const auto& s : spec.storage) unique(s.name, s.loc, "storage system");
    for (const auto& r : spec.routers) unique(r.name, r.loc, "router group");
    std::set<std::string> nets, ids;
    for (const auto& n : spec.networks)
        if (!nets.insert(n.name).second) diags.error(n.loc, fmt::format("network name '{}' is used twice", n.name));
    auto unique_id = [&](const std::string& id, SourceLoc loc) {
        if (!ids.insert(id).second) diags.error(loc, fmt::format("requirement id '{}' is used twice", id));
    };

    Keys compute_names, storage_names, network_names;
    for (const auto& g : spec.compute) compute_names.push_back(g.name);
    for (const auto& s : spec.storage) storage_names.push_back(s.name);
    for (const auto& n : spec.networks) network_names.push_back(n.name);
    auto ref = [&](const std::string& name, const Keys& valid, SourceLoc loc, const std::string& what) {
        if (std::find(valid.begin(), valid.end(), name) != valid.end()) return true;
        auto near = nearest(name, valid);
        diags.error(loc, fmt::format("{} '{}' is not defined", what, name),
                    near.empty()
                        ? (valid.empty() ? std::string("none is defined") : fmt::format("defined: {}", Loader::list(valid)))
                        : fmt::format("did you mean '{}'?", near));
        return false;
    };
    for (std::size_t i = 0; i < spec.bandwidth.size(); ++i) {
        const auto& r = spec.bandwidth[i];
        const auto& at = sites.bandwidth[i];
        unique_id(r.id, at.id);
        ref(r.from, compute_names, at.from, fmt::format("{}.from: compute group", at.path));
        ref(r.to, storage_names, at.to, fmt::format("{}.to: storage system", at.path));
        if (!r.via.empty()) ref(r.via, network_names, at.via, fmt::format("{}.via: network", at.path));
    }
    for (std::size_t i = 0; i < spec.capacity.size(); ++i) {
        const auto& r = spec.capacity[i];
        const auto& at = sites.capacity[i];
        unique_id(r.id, at.id);
        ref(r.on, storage_names, at.on, fmt::format("{}.on: storage system", at.path));
    }
    for (std::size_t i = 0; i < spec.durability.size(); ++i) {
        const auto& r = spec.durability[i];
        const auto& at = sites.durability[i];
        unique_id(r.id, at.id);
        ref(r.on, storage_names, at.on, fmt::format("{}.on: storage system", at.path));
    }
    Keys group_names = compute_names;
    group_names.insert(group_names.end(), storage_names.begin(), storage_names.end());
    for (const auto& n : spec.networks) // a mixed shape's leaves are named by the shape; "network/shape" names one
        for (const auto& l : n.leaves) {
            if (l.mixed()) group_names.push_back(l.group);
            group_names.push_back(n.name + "/" + l.group);
        }
    for (const auto& r : spec.routers) group_names.push_back(r.name);
    for (const auto& sc : spec.scenarios) {
        unique_id(sc.id, sc.loc);
        for (const auto& [name, n] : sc.servers_down)
            ref(name, storage_names, sc.loc, fmt::format("scenario '{}': servers_down: storage system", sc.id));
        for (const auto& [name, n] : sc.drives_down) {
            if (!ref(name, storage_names, sc.loc, fmt::format("scenario '{}': drives_down: storage system", sc.id))) continue;
        }
        for (const auto& [name, n] : sc.pool_drives_down)
            ref(name, storage_names, sc.loc, fmt::format("scenario '{}': pool_drives_down: storage system", sc.id));
        for (const auto& [name, n] : sc.racks_down)
            if (ref(name, storage_names, sc.loc, fmt::format("scenario '{}': racks_down: storage system", sc.id)) &&
                spec.find_storage(name)->per_rack == 0)
                diags.error(
                    sc.loc,
                    fmt::format("scenario '{}': racks_down: storage system '{}' does not say its servers per rack", sc.id, name),
                    "add 'per_rack' to the storage system");
        for (const auto& [name, n] : sc.routers_down) {
            Keys router_names;
            for (const auto& r : spec.routers) router_names.push_back(r.name);
            ref(name, router_names, sc.loc, fmt::format("scenario '{}': routers_down: router group", sc.id));
        }
        for (const auto& [name, n] : sc.top_switches_down)
            ref(name, network_names, sc.loc, fmt::format("scenario '{}': spines_down: network", sc.id));
        for (const auto& [name, n] : sc.leaves_down)
            ref(name, group_names, sc.loc, fmt::format("scenario '{}': leaves_down: attached group or leaf shape", sc.id));
    }
    for (const auto& w : spec.workloads) {
        unique_id(w.id, w.loc);
        ref(w.from, compute_names, w.loc, fmt::format("workload '{}': compute group", w.id));
        ref(w.to, storage_names, w.loc, fmt::format("workload '{}': storage system", w.id));
    }
    // Ids a concurrent group may name: the requirements, and those the workloads derive.
    Keys requirement_ids;
    for (const auto& r : nameable_requirements(spec)) requirement_ids.push_back(r.id);
    for (const auto& c : spec.concurrent) {
        unique_id(c.id, c.loc);
        for (const auto& r : c.requirements)
            ref(r, requirement_ids, c.loc, fmt::format("concurrent group '{}': bandwidth requirement", c.id));
    }
    Keys attachable = compute_names;
    attachable.insert(attachable.end(), storage_names.begin(), storage_names.end());
    for (const auto& s : spec.storage) {
        if (!s.cluster) continue;
        ref(s.cluster->network, network_names, s.cluster->loc, fmt::format("storage '{}': cluster network", s.name));
        // The clients must reach the servers on another network than the cluster one.
        bool elsewhere = false;
        for (const auto& n : spec.networks)
            for (const auto& l : n.leaves)
                if (l.hosts(s.name) && n.name != s.cluster->network) elsewhere = true;
        if (!elsewhere)
            diags.error(s.cluster->loc,
                        fmt::format("storage '{}': its cluster network '{}' is the only network that lists it; clients need "
                                    "another (list '{}' in a second network's 'leaves', or remove 'cluster')",
                                    s.name, s.cluster->network, s.name));
    }
    for (const auto& r : spec.routers) {
        attachable.push_back(r.name);
        for (const auto& [net, nic] : r.nics)
            ref(net, network_names, r.loc, fmt::format("router group '{}': nics: network", r.name));
        if (r.nics.size() == 2 && r.nics[0].first == r.nics[1].first)
            diags.error(
                r.loc, fmt::format("router group '{}' joins network '{}' to itself; name two networks", r.name, r.nics[0].first));
    }
    for (const auto& n : spec.networks) {
        for (const auto& l : n.leaves) {
            if (l.mixed() && std::find(attachable.begin(), attachable.end(), l.group) != attachable.end())
                diags.error(l.loc,
                            fmt::format("network '{}': a mixed leaf shape is named on its own, but '{}' is a compute group or "
                                        "storage system",
                                        n.name, l.group),
                            "name the shape after what it is, e.g. 'rack' or 'mixed-leaf'");
            for (const auto& m : l.members) ref(m.group, attachable, l.loc, fmt::format("network '{}': leaves of", n.name));
        }
        if (n.single_switch() && n.leaves.size() > 1)
            diags.error(n.loc,
                        fmt::format("network '{}' is a single switch (tiers: 1) but has {} leaf shapes; give its groups as one "
                                    "mixed shape, e.g. 'switch: {{mixed: {{gpu: 24, scratch: 8}}}}'",
                                    n.name, n.leaves.size()));
        std::map<std::string, std::string> member_of;
        for (const auto& l : n.leaves)
            for (const auto& m : l.members) {
                auto [it, fresh] = member_of.emplace(m.group, l.group);
                if (!fresh)
                    diags.error(l.loc,
                                fmt::format("network '{}': '{}' is in leaf shapes '{}' and '{}'; a group's ports are on one "
                                            "shape",
                                            n.name, m.group, it->second, l.group));
            }
    }
}

// Where byte `offset` of `text` sits: line = newlines before it + 1, column = bytes since the last one + 1.
SourceLoc loc_of_byte(const std::string& text, std::size_t offset) {
    SourceLoc at{1, 1};
    for (std::size_t i = 0;
         i < offset && at.line < std::numeric_limits<int>::max() && at.column < std::numeric_limits<int>::max(); ++i) {
        if (text[i] == '\n')
            at = {at.line + 1, 1};
        else
            ++at.column;
    }
    return at;
}

// yaml-cpp's parse, with its exceptions and its silent cases (a second document, an open quote)
// turned into diagnostics. Returns nothing when it reported an error.
std::optional<YAML::Node> parse_yaml(const std::string& text, Diagnostics& diags) {
    auto mark_loc = [](const YAML::Mark& m) { return m.is_null() ? SourceLoc{} : SourceLoc{m.line + 1, m.column + 1}; };
    // Where the text ends, for errors yaml-cpp reports past it (in the comment appended below).
    SourceLoc end{1, 1};
    for (char c : text) end = c == '\n' ? SourceLoc{end.line + 1, 1} : SourceLoc{end.line, end.column + 1};
    auto within = [&](SourceLoc at) { return at.line > end.line || (at.line == end.line && at.column > end.column) ? end : at; };
    try {
        // The appended comment line is a no-op for valid YAML, but yaml-cpp 0.7 accepts a quoted string
        // left open when the file ends in a line break (the rest of the file silently becomes the
        // string); after a comment it reports the missing quote. No extra line break when the text
        // ends in one, so a block scalar kept with '|+' at the very end keeps its exact value.
        const auto yaml = text + (!text.empty() && text.back() == '\n' ? "#" : "\n#");
        // YAML::Load reads the first document and silently drops the rest, so look for a second one
        // first. Not with YAML::LoadAll: on a stray top-level ',' it yields empty documents forever.
        std::istringstream in(yaml);
        YAML::Parser parser(in);
        DocumentCounter counter;
        // Bounded: past a stray ',' yaml-cpp reports empty documents without end.
        for (int i = 0; i < 16 && !counter.later_document_content && parser.HandleNextDocument(counter); ++i) {}
        if (counter.later_document_content) {
            diags.error(within(*counter.later_document_content),
                        "another YAML document starts here; a spec file holds one document",
                        "remove the '---' line, or split the file");
            return std::nullopt;
        }
        return YAML::Load(yaml);
    } catch (const YAML::DeepRecursion& ex) {
        diags.error(within(mark_loc(ex.mark)),
                    "invalid YAML: lists and maps nest too deeply (yaml-cpp stops at a few hundred levels; "
                    "a spec needs fewer than ten)");
        return std::nullopt;
    } catch (const YAML::Exception& ex) {
        if (ex.msg == YAML::ErrorMsg::EOF_IN_SCALAR)
            diags.error(within(mark_loc(ex.mark)), "invalid YAML: the file ends inside a quoted string",
                        "is a closing quote (\" or ') missing?");
        else
            diags.error(within(mark_loc(ex.mark)), fmt::format("invalid YAML: {}", ex.msg));
        return std::nullopt;
    }
}

// A text that parses to no document at all is truly empty (blank, comments, '---'), a null ('~'), or
// text yaml-cpp 0.7 skips without an error (a ',' before any node ends its document): say which, so
// "empty" is never said of a full file.
void report_no_document(const std::string& text, Diagnostics& diags) {
    SourceLoc at{1, 1};
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line); ++at.line) {
        auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#' || line.compare(first, 3, "---") == 0 ||
            line.compare(first, 3, "...") == 0)
            continue;
        at.column = static_cast<int>(std::min<std::size_t>(first + 1, std::numeric_limits<int>::max()));
        diags.error(at, line[first] == ','
                            ? std::string("invalid YAML: unexpected ',' before any key or value")
                            : std::string("expected a map with 'archplan: 1', 'requirements', 'compute', 'network' "
                                          "and 'storage', got nothing (a null)"));
        return;
    }
    diags.error({1, 1},
                "the spec is empty: expected a map with 'archplan: 1', 'requirements', 'compute', 'network' and 'storage'");
}

using Entries = std::map<std::string, YAML::Node>;

// The top-level scalars: the schema version, the title and the margin on every requirement.
void load_header(Loader& L, Entries& e, Spec& spec) {
    if (e.count("archplan")) {
        auto s = L.scalar(e["archplan"], "archplan", "the schema version, 1");
        if (s && *s != "1")
            L.error(e["archplan"], "archplan",
                    fmt::format("unsupported schema version '{}'; this archplan reads 'archplan: 1'", *s));
    }
    if (e.count("name")) {
        auto v = L.scalar(e["name"], "name", "a title");
        if (v) spec.name = *v;
    }
    if (e.count("margin")) {
        auto v = L.ratio(e["margin"], "margin", 0.0, 10.0, false);
        if (v) spec.margin = *v;
    }
}

// What the design is checked against: requirements, workloads, the groups that run at once and the
// failure scenarios. Requirements record where their references were written, for check_references.
void load_demands(Loader& L, Entries& e, Spec& spec, RefSites& sites) {
    if (e.count("requirements")) {
        const auto& rn = e["requirements"];
        if (!rn.IsSequence() || rn.size() == 0)
            L.error(rn, "requirements", fmt::format("expected a non-empty list, got {}", type_name(rn)));
        else if (L.within_limit(rn, "requirements", limits::requirements)) {
            std::size_t i = 0;
            for (const auto& item : rn) load_requirement(L, item, fmt::format("requirements[{}]", i++), spec, sites);
        }
    }
    if (e.count("workloads") && e["workloads"].IsSequence() && e["workloads"].size() == 0)
        L.error(e["workloads"], "workloads", "expected a non-empty list, got an empty list");
    if (e.count("workloads"))
        spec.workloads = L.list<Workload>(e["workloads"], "workloads", limits::workloads,
                                          [&](const YAML::Node& n, const std::string& p) { return load_workload(L, n, p); });
    if (e.count("concurrent"))
        spec.concurrent = L.list<Concurrent>(e["concurrent"], "concurrent", limits::concurrent,
                                             [&](const YAML::Node& n, const std::string& p) { return load_concurrent(L, n, p); });
    if (e.count("scenarios"))
        spec.scenarios = L.list<Scenario>(e["scenarios"], "scenarios", limits::scenarios,
                                          [&](const YAML::Node& n, const std::string& p) { return load_scenario(L, n, p); });
    if (e.count("default_scenarios")) {
        auto v = L.scalar(e["default_scenarios"], "default_scenarios", "true or false");
        if (v && (*v == "true" || *v == "false"))
            spec.default_scenarios = *v == "true";
        else if (v)
            L.error(e["default_scenarios"], "default_scenarios", fmt::format("expected true or false, got '{}'", *v));
    }
}

// The design itself: compute groups, networks and storage systems.
// A router group: `{name, count, nics: {net-a: 2 x 200 Gb/s, net-b: 1 x 400 Gb/s}, limit: 40 GB/s}`.
std::optional<RouterGroup> load_router(Loader& L, const YAML::Node& n, const std::string& path) {
    auto e = L.entries(n, path, {"name", "count", "nics", "limit"}, {"name", "count", "nics", "limit"});
    if (!n.IsMap()) return std::nullopt;
    RouterGroup r;
    r.loc = loc_of(n);
    bool ok = e.count("name") && e.count("count") && e.count("nics") && e.count("limit");
    if (e.count("name")) {
        auto v = L.name(e["name"], path + ".name");
        take(v, r.name, ok);
    }
    if (e.count("count")) {
        auto v = L.integer(e["count"], path + ".count", 1, 100'000);
        take(v, r.count, ok);
    }
    if (e.count("limit")) {
        auto v = L.quantity(e["limit"], path + ".limit", units::Kind::rate, true);
        if (v)
            r.limit = BytesPerSecond(*v);
        else
            ok = false;
    }
    if (e.count("nics")) {
        const auto& m = e["nics"];
        if (!m.IsMap() || m.size() != 2) {
            L.error(m, path + ".nics",
                    fmt::format("expected a map from each of the two networks a router joins to its NIC ports there, e.g. "
                                "'nics: {{compute-fabric: 2 x 200 Gb/s, storage-fabric: 1 x 400 Gb/s}}', got {}",
                                m.IsMap() ? fmt::format("{} networks", m.size()) : type_name(m)));
            ok = false;
        } else {
            for (auto it = m.begin(); it != m.end(); ++it) {
                auto net = L.name(it->first, path + ".nics");
                auto nic = net ? L.nic(it->second, path + ".nics." + *net, "") : std::nullopt;
                if (net && nic)
                    r.nics.emplace_back(*net, *nic);
                else
                    ok = false;
            }
        }
    }
    if (!ok) return std::nullopt;
    return r;
}

void load_design(Loader& L, Entries& e, Spec& spec) {
    if (e.count("compute"))
        spec.compute = L.list<ComputeGroup>(e["compute"], "compute", limits::groups,
                                            [&](const YAML::Node& n, const std::string& p) { return load_compute(L, n, p); });
    if (e.count("network"))
        spec.networks = L.list<Network>(e["network"], "network", limits::networks,
                                        [&](const YAML::Node& n, const std::string& p) { return load_network(L, n, p); });
    if (e.count("storage"))
        spec.storage = L.list<StorageSystem>(e["storage"], "storage", limits::groups,
                                             [&](const YAML::Node& n, const std::string& p) { return load_storage(L, n, p); });
    if (e.count("routers"))
        spec.routers = L.list<RouterGroup>(e["routers"], "routers", limits::groups,
                                           [&](const YAML::Node& n, const std::string& p) { return load_router(L, n, p); });
}

// `variants: [{name: taper-2to1, set: {network.storage-fabric.leaves.gpu.up: 8}}]`: each path must be a knob of
// this design (a typo gets the nearest one), each value a count (or, for a share, a ratio) within the knob's bounds.
std::vector<Variant> load_variants(Loader& L, const YAML::Node& n, const Spec& spec) {
    std::set<std::string> names;
    return L.list<Variant>(
        n, "variants", limits::variants, [&](const YAML::Node& item, const std::string& path) -> std::optional<Variant> {
            auto e = L.entries(item, path, {"name", "set"}, {"name", "set"});
            if (!item.IsMap()) return std::nullopt;
            Variant v;
            v.loc = loc_of(item);
            bool ok = e.count("name") && e.count("set");
            if (e.count("name")) {
                auto name = L.name(e["name"], path + ".name");
                take(name, v.name, ok);
                if (name && *name == "base") {
                    L.error(e["name"], path + ".name", "'base' names the design as written; give the variant a name of its own");
                    ok = false;
                } else if (name && !names.insert(*name).second) {
                    L.error(e["name"], path + ".name", fmt::format("variant name '{}' is used twice", *name));
                    ok = false;
                }
            }
            if (e.count("set")) {
                const auto& set = e["set"];
                if (!set.IsMap() || set.size() == 0) {
                    L.error(set, path + ".set", "expected a map of knob paths to values, e.g. {storage.scratch.servers: 240}");
                    return std::nullopt;
                }
                for (const auto& kv : set) {
                    auto key = kv.first.Scalar();
                    auto at = path + ".set." + key;
                    auto found = find_knob(spec, key);
                    if (!found.knob) {
                        L.error(kv.first, at,
                                fmt::format("'{}' is not a knob of this design (docs/spec.md, Knob paths){}", key,
                                            found.nearest.empty() ? std::string() : "; did you mean '" + found.nearest + "'?"));
                        ok = false;
                        continue;
                    }
                    const auto& k = *found.knob;
                    std::optional<double> value;
                    if (k.is_count()) {
                        auto i = L.integer(kv.second, at, static_cast<int>(k.lo), static_cast<int>(k.hi));
                        if (i) value = *i;
                    } else {
                        value = L.ratio(kv.second, at, k.lo, k.hi, false);
                    }
                    if (!value) {
                        ok = false;
                        continue;
                    }
                    v.set.push_back({key, *value, loc_of(kv.first)});
                }
            }
            if (!ok) return std::nullopt;
            return v;
        });
}

} // namespace

std::optional<YAML::Node> detail::read_document(const std::string& text, Diagnostics& diags) {
    if (auto nul = text.find('\0'); nul != std::string::npos) {
        diags.error(loc_of_byte(text, nul), "this is not a YAML text file (it contains NUL bytes)");
        return std::nullopt;
    }
    auto root = parse_yaml(text, diags);
    if (!root) return std::nullopt;
    if (!root->IsDefined() || root->IsNull()) {
        report_no_document(text, diags);
        return std::nullopt;
    }
    return root;
}

LoadResult load_string(const std::string& text, const std::string& file) { return load_string(text, file, shipped_catalog()); }

LoadResult load_string(const std::string& text, const std::string& file, const Catalog& shipped) {
    LoadResult result{std::nullopt, Diagnostics(file)};
    auto& diags = result.diagnostics;
    auto root = read_document(text, diags);
    if (!root) return result;
    Loader L(diags);
    auto e = L.entries(*root, "",
                       {"archplan", "name", "margin", "requirements", "workloads", "concurrent", "scenarios", "default_scenarios",
                        "compute", "network", "storage", "routers", "variants", "parts", "facilities", "finance", "tenants"},
                       {"archplan", "compute", "network", "storage"});
    // Only when the top level is otherwise clean: a misspelt 'requirments' already says what is wrong.
    if (root->IsMap() && diags.empty() && !e.count("requirements") && !e.count("workloads"))
        L.error(*root, "", "missing key 'requirements' (or 'workloads'): a spec needs something to check the design against");
    if (!root->IsMap()) return result;
    Spec spec;
    spec.file = file;
    RefSites sites;
    // The spec's own parts first: the design names them.
    Catalog catalog = shipped;
    if (e.count("parts")) {
        Catalog own;
        own.name = file;
        own.parts = load_parts(L, e["parts"], "parts", file);
        catalog = extend_catalog(shipped, own);
    }
    L.catalog = &catalog;
    L.file = file;
    spec.catalog = catalog.name;
    load_header(L, e, spec);
    load_demands(L, e, spec, sites);
    load_design(L, e, spec);
    if (e.count("facilities")) {
        load_facilities(L, e["facilities"], spec);
        if (diags.empty()) check_facilities(L, e["facilities"], spec);
    }
    if (e.count("finance")) load_finance(L, e["finance"], spec);
    if (!spec.finance.as_of_given) spec.finance.as_of = today_utc();
    spec.autos = L.take_autos();
    if (e.count("tenants")) load_tenants(L, e["tenants"], spec);
    if (diags.empty()) check_references(spec, sites, diags);
    if (diags.empty() && e.count("tenants")) check_tenants(L, e["tenants"], spec);
    // Variants name knobs of the design, so they are read once the design is known to be whole.
    if (diags.empty() && e.count("variants")) spec.variants = load_variants(L, e["variants"], spec);
    if (diags.empty()) result.spec = std::move(spec);
    return result;
}

} // namespace archplan::spec
