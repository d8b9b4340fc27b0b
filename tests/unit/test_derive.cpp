// The report document: stable keys, kinds instead of prose, hand-checked figures, and ties named in a
// fixed order.
#include "catch.hpp"
#include "spec_fixtures.hpp"

#include "archplan/plan/evaluate.hpp"
#include "archplan/report/report.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace archplan;
using Catch::Detail::Approx;

namespace {

document::Report report_of(const std::string& yaml) {
    auto ev = plan::evaluate(fixtures::load(yaml));
    REQUIRE(ev.value);
    return ev.value->report;
}

const document::RequirementRow& requirement(const document::Report& r, const std::string& id) {
    for (const auto& q : r.requirements)
        if (q.id == id) return q;
    FAIL("no requirement " << id);
    throw std::logic_error("unreachable");
}

const document::Line& line(const document::Report& r, const std::string& key) {
    for (const auto& t : r.teams)
        for (const auto& l : t.lines)
            if (l.key == key) return l;
    FAIL("no line " << key);
    throw std::logic_error("unreachable");
}

// Every key of a report, in document order.
std::vector<std::string> keys_of(const document::Report& r) {
    std::vector<std::string> keys;
    for (const auto& q : r.requirements) keys.push_back(q.key);
    for (const auto& t : r.teams)
        for (const auto& l : t.lines) keys.push_back(l.key);
    for (const auto& b : r.bottlenecks) {
        for (const auto& c : b.classes) keys.push_back(c.key);
        for (const auto& c : b.ideal_cut) keys.push_back(c.key);
    }
    for (const auto& f : r.fixes)
        for (const auto& o : f.options) keys.push_back(o.key);
    for (const auto* sections : {&r.workloads, &r.storage_sections})
        for (const auto& s : *sections) {
            keys.push_back(s.key);
            for (const auto& f : s.figures) keys.push_back(f.key);
        }
    for (const auto& c : r.concurrent) keys.push_back(c.key);
    for (const auto& s : r.scenarios) {
        keys.push_back(s.key);
        for (const auto& c : s.cells) keys.push_back(c.key);
    }
    for (const auto& z : r.sized) keys.push_back(z.key);
    for (const auto& i : r.inventory) keys.push_back(i.key);
    return keys;
}

} // namespace

TEST_CASE("derive: rows of the two-tier fixture carry keys, kinds and hand-checked figures", "[derive]") {
    auto r = report_of(fixtures::two_tier);
    const auto& w = requirement(r, "w");
    CHECK(w.key == "requirement/w");
    CHECK(w.kind == document::RequirementKind::write_bandwidth);
    CHECK(w.origin == document::Origin::spec);
    CHECK(w.required.value == Approx(10e9)); // no margin
    // Drives bind: 2 servers x 2 drives x 3 GB/s = 12 GB/s of device bytes; 4+2 writes 1.5 device bytes per
    // client byte, so 8 GB/s of client bytes; 10 GB/s needs 125% of the drives.
    CHECK(w.achievable.value == Approx(8e9));
    CHECK(w.utilisation == Approx(1.25));
    CHECK(w.headroom == Approx(1 / 1.25 - 1));
    CHECK(w.tied.empty());
    CHECK_FALSE(w.met);
    const auto& cap = requirement(r, "cap");
    CHECK(cap.kind == document::RequirementKind::usable_capacity);
    // 2 x 2 x 100 TB = 400 TB raw, x 4/6 x 0.8 fill = 213 TB plannable.
    CHECK(cap.achievable.value == Approx(400e12 * 4 / 6 * 0.8));

    // Per node: 10 GB/s / 4 nodes = 2.5 GB/s against one 100 Gb/s port at 80% = 10 GB/s.
    const auto& inj = line(r, "team/compute/injection/w/c");
    CHECK(inj.kind == document::LineKind::injection);
    CHECK(inj.team == document::Team::compute);
    CHECK(inj.needed.value == Approx(2.5e9));
    CHECK(inj.provisioned.value == Approx(10e9));
    CHECK(inj.headroom == Approx(3.0));
    CHECK(inj.status == document::Status::ok);
    // Each server's drives: 10 GB/s x 1.5 / 2 servers / 6 drives = 1.25 GB/s against 1 GB/s.
    const auto& drives = line(r, "team/storage/drives/w/s-drives-write");
    CHECK(drives.kind == document::LineKind::drives);
    CHECK(drives.needed.value == Approx(1.25e9));
    CHECK(drives.provisioned.value == Approx(1e9));
    CHECK(drives.status == document::Status::short_of);

    // The storage team hears its tightest line first: the capacity plan needs 600 TB / 106.7 TB per server
    // = 5.6 -> 6 servers and has 2 (2 / 6 - 1 = short by 66.7%), worse than the drives (20% short) and
    // the capacity itself (213 / 600 - 1 = short by 64.4%).
    const auto* storage = r.team(document::Team::storage);
    REQUIRE(storage);
    REQUIRE(storage->tightest);
    CHECK(storage->lines[*storage->tightest].key == "team/storage/servers/capacity-plan/s");
    CHECK(document::tightest_text(*storage) ==
          "tightest: servers (storage system 's') needs 6, has 2 (short by 66.7%, capacity plan)");

    // Scenario facts as numbers: one drive per group of 6 down rebuilds 1/6 of each server's 2 drives.
    for (const auto& sc : r.scenarios) {
        INFO(sc.id);
        if (sc.id == "s-server-down") {
            CHECK(sc.figures.unavailable == std::vector<std::string>{"s"}); // protection inside each server
            CHECK(sc.cells.front().key == "scenario/s-server-down/w");
        }
        if (sc.id == "s-drive-per-group-down") {
            REQUIRE(sc.figures.read_amplification);
            CHECK(sc.figures.read_amplification->value == Approx(1 + 1.0 / 6 * 3)); // 1 + f/n x (k - 1)
            REQUIRE(sc.figures.rebuild);
            CHECK(sc.figures.rebuild->value > 0);
        }
    }
}

TEST_CASE("derive: every key is unique in the report of every shipped spec", "[derive][property]") {
    namespace fs = std::filesystem;
    std::vector<fs::path> specs{fs::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml"};
    for (const auto& e : fs::directory_iterator(fs::path(ARCHPLAN_SOURCE_DIR) / "examples"))
        if (e.path().extension() == ".yaml") specs.push_back(e.path());
    for (const auto& path : specs) {
        INFO(path.string());
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        auto r = report_of(text.str());
        auto keys = keys_of(r);
        std::set<std::string> seen;
        for (const auto& k : keys) {
            INFO(k);
            CHECK_FALSE(k.empty());
            CHECK(seen.insert(k).second);
        }
    }
}

TEST_CASE("derive: equal bottlenecks are reported as tied, in class order, for reads and writes", "[derive][tie]") {
    // 9 servers x 2 ports of 100 Gb/s fill one storage leaf's 18 down ports; its 18 uplinks carry the same
    // 225 GB/s (18 x 12.5 GB/s). The server ports and the leaf's spine links tie exactly; rounding alone
    // made one or the other the bottleneck.
    const char* yaml = R"(
archplan: 1
name: tie
requirements:
  - {id: r, bandwidth: 100 GB/s, direction: read, from: c, to: s}
  - {id: w, bandwidth: 100 GB/s, direction: write, from: c, to: s}
compute:
  - {name: c, count: 72, storage_nic: 1 x 100 Gb/s}
network:
  - name: n
    link: 100 Gb/s
    efficiency: 100%
    tiers: 2
    radix: 36
    leaves:
      c: {down: 18, up: 18}
      s: {down: 18, up: 18}
    spine: {ports: 36}
storage:
  - name: s
    servers: 9
    server:
      nic: 2 x 100 Gb/s
      limit: {read: 100 GB/s, write: 100 GB/s}
      drives: {count: 10, capacity: 10 TB, read: 10 GB/s, write: 10 GB/s}
    protection: {erasure: 4+2, where: server}
)";
    auto r = report_of(yaml);
    const auto& read = requirement(r, "r");
    const auto& write = requirement(r, "w");
    CHECK(read.achievable.value == Approx(225e9));
    CHECK(write.achievable.value == Approx(225e9));
    CHECK(read.bottleneck == "s server NIC -> n leaf");
    CHECK(read.tied == std::vector<std::string>{"n leaf[s] -> spine"});
    CHECK(write.bottleneck == "n leaf -> s server NIC");
    CHECK(write.tied == std::vector<std::string>{"n spine -> leaf[s]"});
}

TEST_CASE("derive: one server down that makes data unreadable is said in the headline", "[derive][availability]") {
    // The two-tier fixture protects data inside each server (4+2 on each): with one of its two servers down
    // half the data cannot be read, so a read requirement is unavailable; writes go to the other server.
    std::string y = fixtures::edit(
        fixtures::two_tier, "requirements:", "requirements:\n  - {id: r, bandwidth: 1 GB/s, direction: read, from: c, to: s}");
    auto r = report_of(y);
    REQUIRE(r.outages.size() == 1);
    CHECK(r.outages[0].key == "outage/s-server-down");
    CHECK(r.outages[0].storage == "s");
    CHECK(r.outages[0].requirements == std::vector<std::string>{"r"});
    CHECK(document::outage_text(r.outages[0]) == "one s server down makes r unavailable");
    CHECK_FALSE(r.all_met); // the write and the capacity are short
    CHECK(document::verdict_text(r) == "Some requirements are NOT met; in addition one s server down makes r unavailable.");
    // As if everything were met when healthy: the headline still says what the failure scenarios show. The
    // fixture's write is short even when healthy (drives at 125%), so all 6 scenarios miss it.
    r.all_met = true;
    CHECK(document::verdict_text(r) == "All requirements are met in normal operation; one s server down makes r "
                                       "unavailable; 6 of 6 failure scenarios leave a requirement unmet.");
    r.outages.clear();
    r.scenarios.clear();
    CHECK(document::verdict_text(r) == "All requirements are met.");
    // Two replicas on different servers, forwarded by the primary:
    // one server down leaves every byte readable, and the headline says nothing more.
    auto replicated =
        report_of(fixtures::edit(y, "protection: {erasure: 4+2, where: server}", "protection: {replicas: 2, where: primary}"));
    CHECK(replicated.outages.empty());
}

TEST_CASE("derive: taper is a bandwidth ratio, not a port ratio", "[derive][taper]") {
    // specs/customer.yaml: gpu leaves with 32 ports down (2 x 200 Gb/s NICs of 16 nodes) and 16 up at 400 Gb/s:
    // 32 x 200 Gb/s in / (16 x 400 Gb/s) up = 1:1 (2:1 in ports). The write needs 2 uplinks of the busiest
    // leaf: at most 32 x 200 / (2 x 400) = 8:1.
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto r = report_of(text.str());
    const auto& taper = line(r, "team/network/taper/ckpt-write/storage-fabric-gpu");
    CHECK(taper.provisioned.value == Approx(1.0));
    CHECK(taper.needed.value == Approx(8.0));
    CHECK(taper.status == document::Status::ok);
    // The same 32 NIC ports on 16 switch ports with 2-way breakout cables (200 Gb/s each): still 32 x 200 Gb/s in,
    // 1:1 against 16 x 400 Gb/s up, and the text says how the ports are cabled.
    auto split = report_of(fixtures::edit(text.str(), "gpu:     {down: 32, up: 16}", "gpu:     {down: 16, up: 16, breakout: 2}"));
    const auto& t2 = line(split, "team/network/taper/ckpt-write/storage-fabric-gpu");
    CHECK(t2.provisioned.value == Approx(1.0));
    CHECK(t2.derivation.find("16 down x 2 breakout x 200 Gb/s") != std::string::npos);
}

TEST_CASE("derive: distributed spare space below one drive per pool is a warning naming the minimum", "[derive][spares]") {
    // specs/customer.yaml: declustered inside each server, 24 drives per pool: one drive is 1/24 = 4.17% of raw;
    // it reserves 2%.
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto warnings = [](const document::Report& r) {
        int n = 0;
        for (const auto& sec : r.storage_sections)
            for (const auto& f : sec.findings)
                if (f.text.rfind("Warning: the distributed spare space", 0) == 0) ++n;
        return n;
    };
    auto r = report_of(text.str());
    CHECK(warnings(r) == 1);
    bool named = false;
    for (const auto& sec : r.storage_sections)
        for (const auto& f : sec.findings) named = named || f.text.find("(4.17%)") != std::string::npos;
    CHECK(named);
    CHECK(warnings(report_of(fixtures::edit(text.str(), "spares: 2%", "spares: 4.2%"))) == 0);
}

TEST_CASE("derive: a binding client ceiling is a compute line and the bottleneck", "[derive][client]") {
    auto r = report_of(fixtures::edit(fixtures::two_tier, "storage_nic: 1 x 100 Gb/s}",
                                      "storage_nic: 1 x 100 Gb/s, client: {read: 1 GB/s, write: 1.5 GB/s}}"));
    const auto& w = requirement(r, "w");
    CHECK(w.achievable.value == Approx(6e9)); // 4 nodes x 1.5 GB/s, below the drives' 8 GB/s
    CHECK(w.ideal.value == Approx(6e9));
    CHECK(w.bottleneck == "c client (write)");
    const auto& l = line(r, "team/compute/client/w/c-client-write");
    CHECK(l.kind == document::LineKind::client);
    CHECK(l.team == document::Team::compute);
    CHECK(l.element == "file-system client");
    CHECK(l.applies_to == "each of 4 'c' nodes");
    CHECK(l.needed.value == Approx(2.5e9));
    CHECK(l.provisioned.value == Approx(1.5e9));
    CHECK(l.status == document::Status::short_of);
    CHECK(l.derivation == "10.0 GB/s (w) / 4 nodes = 2.50 GB/s per node; client ceiling (write) 1.5 GB/s");
    CHECK(std::string(document::line_kind_name(document::LineKind::client)) == "client");
}

TEST_CASE("derive: the bill of materials counts switches, links, cables and optics by hand", "[derive][inventory]") {
    std::ifstream in(std::string(ARCHPLAN_SOURCE_DIR) + "/specs/customer.yaml");
    std::stringstream text;
    text << in.rdbuf();
    auto r = report_of(text.str());
    auto item = [&](const std::string& key) -> const document::InventoryItem& {
        for (const auto& i : r.inventory)
            if (i.key == key) return i;
        FAIL("no inventory item " << key);
        throw std::logic_error("unreachable");
    };
    // specs/customer.yaml: 2,048 gpu nodes x 2 ports = 4,096 host ports / 32 down = 128 leaves, 32 + 16 of 64 ports.
    const auto& gpu = item("inventory/network/storage-fabric/leaf-switch-gpu");
    CHECK(gpu.count == 128);
    CHECK(gpu.ports == 64);
    CHECK(gpu.ports_used == 48);
    // 200 servers x 2 = 400 / 32 = 12.5 -> 13 leaves, 32 + 32 ports.
    CHECK(item("inventory/network/storage-fabric/leaf-switch-scratch").count == 13);
    // Pods: gpu leaves have 16 uplinks over 16 planes (1 per aggregation switch), 32 leaves a pod -> 4 pods; scratch
    // leaves 32 uplinks (2 each), 16 a pod -> 1 pod: 5 pods x 16 = 80 aggregation switches. Cores: each plane joins
    // 5 pods x 32 uplinks = 160 links / 64 ports -> 3 cores, x 16 planes = 48, the fullest with ceil(160 / 3) = 54.
    CHECK(item("inventory/network/storage-fabric/aggregation-switch").count == 80);
    const auto& core = item("inventory/network/storage-fabric/core-switch");
    CHECK(core.count == 48);
    CHECK(core.ports_used == 54);
    // Links: 128 x 16 + 13 x 32 = 2,464 leaf uplinks; 80 x 32 = 2,560 aggregation uplinks; 2 optics each: 10,048.
    CHECK(item("inventory/network/storage-fabric/switch-to-switch-link-leaf-aggregation").count == 2464);
    CHECK(item("inventory/network/storage-fabric/switch-to-switch-link-aggregation-core").count == 2560);
    CHECK(item("inventory/network/storage-fabric/transceiver").count == 2 * (2464 + 2560));
    // A gpu leaf's 32 host ports take 4 racks of 4 nodes x 2 ports: its cables leave the rack (active optical).
    const auto& cables = item("inventory/network/storage-fabric/endpoint-cable-gpu");
    CHECK(cables.count == 4096);
    CHECK(cables.kind.find("active optical") != std::string::npos);
    // With 16 nodes a rack (32 ports) a leaf is top of rack: copper. On 2-way breakout cables (16 switch ports for 32
    // host ports), 4,096 host ports take 2,048 cables and the leaf uses 16 + 16 ports.
    auto tor = report_of(fixtures::edit(fixtures::edit(text.str(), "per_rack: 4", "per_rack: 16"), "gpu:     {down: 32, up: 16}",
                                        "gpu:     {down: 16, up: 16, breakout: 2}"));
    for (const auto& i : tor.inventory) {
        if (i.key == "inventory/network/storage-fabric/endpoint-cable-gpu") {
            CHECK(i.count == 2048);
            CHECK(i.kind == "DAC copper, in the rack, 1 to 2 breakout");
        }
        if (i.key == "inventory/network/storage-fabric/leaf-switch-gpu") {
            CHECK(i.count == 128);
            CHECK(i.ports_used == 32);
        }
    }
    // Storage: 200 servers x 24 drives.
    CHECK(item("inventory/storage/scratch/drive").count == 4800);
    CHECK(item("inventory/compute/gpu/storage-nic-port").count == 4096);
}

TEST_CASE("derive: a requirement written in bits shows what was written beside its bytes (issue 10)", "[derive][units]") {
    // 800 Gb/s = 800e9 / 8 = 100 GB/s: the same figure as the fixture's, so every other figure is unchanged.
    auto bits = report_of(fixtures::edit(fixtures::small_cluster, "bandwidth: 100 GB/s", "bandwidth: 800 Gb/s"));
    const auto& q = requirement(bits, "ckpt");
    CHECK(q.asked.value == Approx(100e9));
    CHECK(q.asked_as_written == "800 Gb/s");
    std::ostringstream text, md;
    report::render_text(bits, text);
    CHECK(text.str().find("asked 800 Gb/s = 100 GB/s (written in bits)") != std::string::npos);
    report::render_summary_markdown(bits, md);
    CHECK(md.str().find("- **ckpt**: asked 800 Gb/s = 100 GB/s (written in bits); routed:") != std::string::npos);
    // Written in bytes, nothing is added.
    auto bytes = report_of(fixtures::small_cluster);
    CHECK(requirement(bytes, "ckpt").asked_as_written.empty());
}

TEST_CASE("derive: each scenario names the teams it hits, and each team report lists them (issue 10)", "[derive][scenario]") {
    auto r = report_of(fixtures::two_tier);
    auto teams_of = [&](const std::string& id) {
        for (const auto& sc : r.scenarios)
            if (sc.id == id) return sc.teams;
        FAIL("no scenario " << id);
        return std::vector<document::Team>{};
    };
    // A server down fails storage elements; a spine down network ones; a compute leaf down cuts nodes off.
    CHECK(teams_of("s-server-down") == std::vector<document::Team>{document::Team::storage});
    CHECK(teams_of("n-spine-down") == std::vector<document::Team>{document::Team::network});
    CHECK(teams_of("c-leaf-down") == std::vector<document::Team>{document::Team::compute, document::Team::network});
    std::ostringstream storage, compute;
    report::render_team_markdown(r, document::Team::storage, storage);
    report::render_team_markdown(r, document::Team::compute, compute);
    CHECK(storage.str().find("## Failure scenarios that hit this team") != std::string::npos);
    CHECK(storage.str().find("| s-server-down | 1 server of 's' down |") != std::string::npos);
    CHECK(compute.str().find("| c-leaf-down | 1 leaf switch of 'c' down | - | w: 2 of 4 'c' nodes are cut off from 's'") !=
          std::string::npos);
    CHECK(compute.str().find("s-server-down") == std::string::npos);
}

TEST_CASE("derive: scenario columns are as wide as their headings, never cut into collisions (issue 10)", "[derive][scenario]") {
    // Two requirement ids that agree in their first 16 characters.
    auto y = fixtures::edit(fixtures::two_tier, "  - {id: w, bandwidth: 10 GB/s, direction: write, from: c, to: s}\n",
                            "  - {id: checkpoint-write-phase-1, bandwidth: 10 GB/s, direction: write, from: c, to: s}\n"
                            "  - {id: checkpoint-write-phase-2, bandwidth: 5 GB/s, direction: write, from: c, to: s}\n");
    std::ostringstream text;
    report::render_text(report_of(y), text);
    CHECK(text.str().find("checkpoint-write-phase-1  checkpoint-write-phase-2") != std::string::npos);
}

TEST_CASE("derive: a durability row's utilisation is the target nines over this design's, as docs/reports.md defines it",
          "[derive][durability]") {
    auto y = fixtures::read_text(std::filesystem::path(ARCHPLAN_SOURCE_DIR) / "specs" / "customer.yaml");
    auto r = report_of(y);
    const auto& q = requirement(r, "durability");
    REQUIRE(q.achievable.value > 0);
    // 8 nines asked against the design's nines (8.61 in the golden): utilisation 8 / 8.61 = 92.9%, headroom 1/u - 1.
    CHECK(q.utilisation == Approx(8.0 / q.achievable.value));
    CHECK(q.utilisation == Approx(0.929).epsilon(0.001));
}
