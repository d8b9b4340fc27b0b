// The acceptance pack: criteria from the derived figures, the job files that measure them, and their judgement
// (acceptance.hpp; docs/acceptance.md).
#include "archplan/acceptance/acceptance.hpp"

#include "archplan/units/units.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace archplan::acceptance {

using units::format_count;

const char* level_name(Level l) { return l == Level::mandatory ? "mandatory" : "target"; }

namespace {

constexpr double k_mib = 1024.0 * 1024.0;
constexpr double k_gib = 1024.0 * 1024.0 * 1024.0;

std::string plain(double v) { return fmt::format("{:.0f}", v); } // a number for a command line: no separators

std::string rate(double v) { return units::format_rate(units::BytesPerSecond(v)); }
std::string both(double v) { return fmt::format("{} ({} GiB/s)", rate(v), units::format_sig(v / k_gib, 4)); }

const document::ClassRow* class_row(const document::Report& r, const std::string& requirement, const std::string& cls) {
    for (const auto& b : r.bottlenecks)
        if (b.requirement == requirement)
            for (const auto& c : b.classes)
                if (c.class_name == cls) return &c;
    return nullptr;
}

struct Builder {
    const plan::Evaluation& ev;
    Options o;
    Pack p;
    int next = 1;

    // A copy: later additions may move the list.
    Criterion add(Level level, std::string title, std::string tool, std::string operation, double figure, std::string job,
                  std::string how, std::string derivation, std::string results = {}, bool per_file = false, bool judged = true) {
        Criterion c;
        c.id = fmt::format("C{}", next++);
        c.level = level;
        c.title = std::move(title);
        c.tool = std::move(tool);
        c.operation = std::move(operation);
        c.figure = figure;
        c.job = std::move(job);
        c.how = std::move(how);
        c.derivation = std::move(derivation);
        c.per_file = per_file;
        c.judged = judged;
        c.results = per_file          ? c.id + "-*.json"
                    : results.empty() ? c.id + (c.tool == "elbencho" ? ".csv"
                                                : c.tool == "mdtest" ? ".txt"
                                                                     : ".json")
                                      : results;
        p.criteria.push_back(c);
        return c;
    }

    // IOR: ranks, a block per rank that outlasts the stonewall, the transfer size of the file system.
    std::string ior_script(const std::string& file, const std::string& ids, const std::string& summary, bool file_per_process,
                           int ranks, double required, double transfer) {
        double block = std::ceil(required * o.seconds * 1.2 / ranks / transfer) * transfer;
        return fmt::format(
            "#!/bin/sh\n# {}: IOR {}, write then read back from another node (-C defeats the client cache), fsync at "
            "close (-e),\n# a {:.0f} s stonewall with wear-out (every rank moves the same bytes), JSON summary in {}.\n"
            "# Set DIR to a directory on the file system under test; MPIRUN and NP as your site runs MPI; SUMMARY names the\n"
            "# result file for a run under a failure (the degraded criteria).\n"
            "set -eu\n: \"${{DIR:?set DIR to a directory on the file system under test}}\"\n"
            "\"${{MPIRUN:-mpirun}}\" -np \"${{NP:-{}}}\" ior -a POSIX {}-e -C -w -r -t {} -b {} -D {:.0f} -O "
            "stoneWallingWearOut=1 \\\n"
            "  -O summaryFormat=JSON -O summaryFile=\"${{RESULTS:-.}}/${{SUMMARY:-{}}}\" -o \"$DIR/{}\"\n",
            ids, file_per_process ? "N-N (a file per process, -F)" : "N-1 (one shared file)", o.seconds, summary, ranks,
            file_per_process ? "-F " : "", plain(transfer), plain(block), o.seconds, summary, file);
    }

    void bandwidth(const document::RequirementRow& q) {
        const auto& spec = ev.analysis.effective;
        const spec::BandwidthRequirement* req = nullptr;
        for (const auto& b : spec.bandwidth)
            if (b.id == q.id) req = &b;
        if (!req) return;
        const auto* c = spec.find_compute(req->from);
        const auto* s = spec.find_storage(req->to);
        if (!c || !s) return;
        bool write = req->direction == spec::Direction::write;
        const char* op = write ? "write" : "read";
        int ranks = c->count * 8; // eight ranks a node: enough streams per client (set NP to change it)
        double transfer = s->io_size.value();
        std::string key = document::key_part(q.id);
        double asked = q.asked.value, required = q.required.value;

        // Aggregate, file per process: the customer's figure is mandatory, the design margin a target.
        auto nn = fmt::format("ior-{}-n-n.sh", key);
        auto m =
            add(Level::mandatory, fmt::format("{}: aggregate {}, file per process (IOR N-N)", q.id, op), "ior", op, asked, nn,
                fmt::format("IOR N-N from {} '{}' nodes to '{}', {:.0f} s stonewall; the aggregate is bytes moved over "
                            "the time of the slowest rank",
                            format_count(c->count), c->name, s->name, o.seconds),
                fmt::format("the customer's figure for {} ({})", q.id, q.path));
        auto t = add(Level::target, fmt::format("{}: aggregate {} with the design margin (IOR N-N)", q.id, op), "ior", op,
                     required, nn, m.how,
                     fmt::format("{} x (1 + {} margin) = {}", rate(asked), units::format_percent(ev.spec.margin), rate(required)),
                     m.results);
        p.files.emplace_back(nn, ior_script(key + "-n-n", m.id + ", " + t.id, m.results, true, ranks, required, transfer));
        // One shared file: checkpoints written N-1 and restarts reading one file.
        auto n1 = fmt::format("ior-{}-n-1.sh", key);
        auto s1 = add(Level::target, fmt::format("{}: aggregate {}, one shared file (IOR N-1)", q.id, op), "ior", op, required,
                      n1, fmt::format("IOR N-1 (one shared file, segments per rank), {:.0f} s stonewall", o.seconds),
                      "the same figure: a checkpoint written to one shared file must meet it too");
        p.files.emplace_back(n1, ior_script(key + "-n-1", s1.id, s1.results, false, ranks, required, transfer));
        // elbencho, judged on "Last Done": the bulk-synchronous figure.
        auto eb = fmt::format("elbencho-{}.sh", key);
        auto e = add(Level::target, fmt::format("{}: {} judged on the slowest thread (elbencho, Last Done)", q.id, op),
                     "elbencho", op, required, eb,
                     fmt::format("elbencho on every '{}' node, direct I/O, {:.0f} s time limit; its 'Last Done' column (the "
                                 "aggregate when the slowest thread finished)",
                                 c->name, o.seconds),
                     "the required figure: a bulk-synchronous job waits for its slowest writer");
        p.files.emplace_back(
            eb, fmt::format("#!/bin/sh\n# {}: elbencho, {} on every node of HOSTS (comma-separated), 8 threads each, direct "
                            "I/O,\n# {:.0f} s time limit; the CSV row's 'MiB/s [last]' is judged.\nset -eu\n"
                            ": \"${{DIR:?set DIR to a directory on the file system under test}}\" \"${{HOSTS:?set HOSTS}}\"\n"
                            "elbencho --hosts \"$HOSTS\" {} -t 8 -n 1 -N 4 -s {} -b {} --direct --timelimit {:.0f} --nolive \\\n"
                            "  --csvfile \"${{RESULTS:-.}}/{}\" \"$DIR\"\n",
                            e.id, op, o.seconds, write ? "-d -w" : "-r", plain(required * o.seconds / (c->count * 32.0)),
                            plain(transfer), o.seconds, e.results));
        // Each server's share, and each drive's, measured on the server (fio), within the tolerance.
        std::string dir = write ? "write" : "read";
        // What each server's drives absorb (writes with the parity the protection adds), as fio measures it on them.
        if (const auto* srv = class_row(ev.report, q.id, fmt::format("{} drives ({})", s->name, dir))) {
            double share = srv->load.value * (1 - o.tolerance);
            auto job = fmt::format("fio-{}-server-{}.fio", document::key_part(s->name), dir);
            auto sv =
                add(Level::mandatory, fmt::format("{}: every '{}' server's {} share (fio on each server)", q.id, s->name, op),
                    "fio", op, share, job,
                    fmt::format("fio on each server over all its {} drives at once, direct I/O, {:.0f} s; one result "
                                "file per server",
                                s->drives.count, o.seconds),
                    fmt::format("{} / {} servers{} = {} per server on its drives, less {} tolerance", rate(required),
                                format_count(s->servers), write ? " x the parity the protection adds" : "", rate(srv->load.value),
                                units::format_percent(o.tolerance)),
                    "", true);
            fio_server(job, *s, write, sv.id);
        }
        if (const auto* drv = class_row(ev.report, q.id, fmt::format("{} drives ({})", s->name, dir)); drv && drv->links > 0) {
            double per_drive = drv->load.value / drv->links * (1 - o.tolerance);
            auto job = fmt::format("fio-{}-drive-{}.fio", document::key_part(s->name), dir);
            auto dv = add(Level::target, fmt::format("{}: every '{}' drive's {} share (fio on each drive)", q.id, s->name, op),
                          "fio", op, per_drive, job,
                          fmt::format("fio on each drive alone, direct I/O, {:.0f} s{}; one result file per drive", o.seconds,
                                      write && s->drives.kind != spec::Drives::Kind::hdd ? " after preconditioning (flash)" : ""),
                          fmt::format("{} per server over {} drives = {} per drive at the required figure ({}), less {} "
                                      "tolerance",
                                      rate(drv->load.value), drv->links, rate(drv->load.value / drv->links),
                                      write ? "with the parity the protection adds" : "reads carry no parity",
                                      units::format_percent(o.tolerance)),
                          "", true);
            fio_drive(job, *s, write, dv.id);
        }
        // Degraded: one drive rebuilding at the configured share; the pass figure is what archplan predicts then.
        for (const auto& sc : ev.report.scenarios) {
            if (sc.id != s->name + "-drive-down") continue;
            for (std::size_t i = 0; i < ev.report.scenario_requirements.size() && i < sc.cells.size(); ++i) {
                if (ev.report.scenario_requirements[i] != q.id || sc.cells[i].unavailable) continue;
                double degraded = std::min(sc.cells[i].achievable.value, required);
                add(Level::target, fmt::format("{}: aggregate {} while one drive rebuilds (IOR N-N, degraded)", q.id, op), "ior",
                    op, degraded, nn,
                    fmt::format("the N-N job again with SUMMARY={}.json, started once a drive of one '{}' server is failed and "
                                "its rebuild runs at {} of drive bandwidth",
                                fmt::format("C{}", next), s->name, units::format_percent(s->rebuild.share)),
                    fmt::format("archplan's routed figure in scenario {} ({}), at most the required figure", sc.id,
                                rate(sc.cells[i].achievable.value)));
            }
        }
    }

    std::string fio_head(const spec::StorageSystem& s, bool write, const std::string& id, const std::string& devices,
                         const std::string& variable, const std::string& name) {
        double chunk = std::max(4096.0, std::round(s.io_size.value() / s.protection.data_chunks() / 4096.0) * 4096.0);
        std::string pre;
        if (write && s.drives.kind != spec::Drives::Kind::hdd)
            pre = fmt::format("[precondition]\n# Flash writes at its steady state only once full: write the device twice over "
                              "first.\nrw=write\nbs=1M\nfilename=${{{}}}\nsize=${{SIZE}}\nloops=2\nnumjobs=1\n\n",
                              variable);
        return fmt::format("; {}: fio, direct I/O, time based, group reporting. Environment: {}, SIZE (the device's size,\n"
                           "; e.g. 100%), RUNTIME (seconds, {:.0f} for acceptance). Run with --output-format=json "
                           "--output=\"$RESULTS/{}-{}.json\".\n"
                           "[global]\nioengine=libaio\ndirect=1\ngroup_reporting=1\nbs={}\niodepth=32\n\n{}",
                           id, devices, o.seconds, id, name, plain(chunk), pre);
    }

    void fio_server(const std::string& path, const spec::StorageSystem& s, bool write, const std::string& id) {
        p.files.emplace_back(
            path, fio_head(s, write, id, "DEVICES (every drive of the server, colon-separated)", "DEVICES", "$(hostname)") +
                      fmt::format("[measure]\nstonewall\nrw={}\nfilename=${{DEVICES}}\nsize=${{SIZE}}\nnumjobs={}\n"
                                  "time_based=1\nruntime=${{RUNTIME}}\n",
                                  write ? "write" : "read", s.drives.count));
    }

    void fio_drive(const std::string& path, const spec::StorageSystem& s, bool write, const std::string& id) {
        p.files.emplace_back(path,
                             fio_head(s, write, id, "DEVICE (one drive)", "DEVICE", "$(hostname)-$(basename \"$DEVICE\")") +
                                 fmt::format("[measure]\nstonewall\nrw={}\nfilename=${{DEVICE}}\nsize=${{SIZE}}\nnumjobs=1\n"
                                             "time_based=1\nruntime=${{RUNTIME}}\n",
                                             write ? "write" : "read"));
    }

    void metadata() {
        const auto& spec = ev.analysis.effective;
        for (const auto& cr : ev.analysis.workloads.checkpoints) {
            if (!cr.metadata_modelled) continue;
            const auto& w = spec.workloads[cr.workload];
            int ranks = cr.nodes * std::max(1, w.checkpoint.ranks_per_node);
            double per_rank = std::ceil(cr.files / ranks);
            for (bool unique : {false, true}) {
                auto job = fmt::format("mdtest-{}-{}.sh", document::key_part(w.id), unique ? "unique-dirs" : "one-dir");
                auto c = add(Level::target,
                             fmt::format("{}: file creates, {} (mdtest)", w.id,
                                         unique ? "a directory per rank" : "every file in one directory"),
                             "mdtest", "create", cr.create_rate, job,
                             fmt::format("mdtest creating {} files ({} per rank on {} ranks), {}; the 'File creation' rate "
                                         "(its minimum over iterations)",
                                         format_count(per_rank * ranks), format_count(per_rank), format_count(ranks),
                                         unique ? "each rank in its own directory (-u)" : "all in one directory"),
                             fmt::format("the create rate the checkpoint's metadata time assumes: {} metadata server(s) x "
                                         "their creates/s = {}/s",
                                         cr.metadata_servers, units::format_sig(cr.create_rate)));
                p.files.emplace_back(job,
                                     fmt::format("#!/bin/sh\n# {}: mdtest, one checkpoint's {} files{}.\nset -eu\n"
                                                 ": \"${{DIR:?set DIR to a directory on the file system under test}}\"\n"
                                                 "\"${{MPIRUN:-mpirun}}\" -np \"${{NP:-{}}}\" mdtest -F -C -T -r -i 3 -n {}{} -d "
                                                 "\"$DIR/{}\" > \"${{RESULTS:-.}}/{}\"\n",
                                                 c.id, format_count(per_rank * ranks),
                                                 unique ? ", a directory per rank" : " in one directory", ranks, plain(per_rank),
                                                 unique ? " -u" : "", document::key_part(w.id), c.results));
            }
        }
    }

    void data_loading() {
        const auto& spec = ev.analysis.effective;
        for (const auto& dl : ev.analysis.workloads.data_loading) {
            const auto& w = spec.workloads[dl.workload];
            const auto& d = w.data;
            auto job = fmt::format("dlio-{}.yaml", document::key_part(w.id));
            add(Level::target, fmt::format("{}: training reads keep every accelerator busy (DLIO / MLPerf Storage)", w.id),
                "dlio", "read", dl.per_accelerator.value(), job,
                fmt::format("DLIO with this workload's samples on {} accelerators; pass when its accelerator utilisation is "
                            "at least 90% (MLPerf Storage's rule), i.e. each reads {} or more",
                            format_count(dl.accelerators), rate(dl.per_accelerator.value())),
                "the data-loading workload's per-accelerator demand", "", false, false);
            double sample = d.sample_size.value() > 0 ? d.sample_size.value() : 0;
            double per_sample_s = d.samples_per_second > 0 ? 1.0 / d.samples_per_second : 0;
            double files = d.dataset && sample > 0 ? std::ceil(d.dataset->value() / (sample * d.samples_per_file)) : 1024;
            p.files.emplace_back(job, fmt::format("# {}: DLIO (MLPerf Storage) from the workload '{}'. Run: dlio_benchmark "
                                                  "--config-dir . workload={}\nmodel:\n  name: {}\nframework: pytorch\n"
                                                  "workflow:\n  generate_data: True\n  train: True\n"
                                                  "dataset:\n  data_folder: data/{}\n  format: npz\n  num_files_train: {:.0f}\n"
                                                  "  num_samples_per_file: {:.0f}\n  record_length: {:.0f}\n"
                                                  "reader:\n  data_loader: pytorch\n  batch_size: 1\n  read_threads: 4\n"
                                                  "train:\n  epochs: 1\n  computation_time: {:.6g}\n",
                                                  p.criteria.back().id, w.id, document::key_part(w.id), document::key_part(w.id),
                                                  document::key_part(w.id), files, d.samples_per_file, sample, per_sample_s));
        }
    }
};

std::string readme(const plan::Evaluation& ev, const Pack& p, const Options& o) {
    std::ostringstream out;
    out << fmt::format("# Acceptance tests: {}\n\nGenerated by archplan from `{}`: one criterion per derived figure. "
                       "Mandatory criteria must all pass for acceptance; targets are the design's own figures (with its "
                       "{} margin) and its predictions under a failure.\n\n",
                       ev.spec.name.empty() ? ev.spec.file : ev.spec.name, ev.spec.file, units::format_percent(ev.spec.margin));
    out << "## How to run\n\nEach job file says what it needs: `DIR` (a directory on the file system under test), `RESULTS` "
           "(where the result files go, named as below), `MPIRUN` and `NP` for IOR and mdtest, `HOSTS` for elbencho, `DEVICE` "
           "or `DEVICES`, `SIZE` and `RUNTIME` for fio. Then `archplan acceptance evaluate SPEC RESULTS/` judges every "
           "criterion and exits 0 only when every mandatory one passes.\n\n";
    out << fmt::format("Pass rules use the slowest, never the average: an aggregate is bytes moved over the time of the last "
                       "rank to finish (IOR's figure with a stonewall and wear-out; elbencho's Last Done); every server's and "
                       "every drive's result must reach its share of the figure less {} tolerance on its own. IO500 and IOR "
                       "report GiB/s: each figure is given in both.\n\n",
                       units::format_percent(o.tolerance));
    out << "| id | level | criterion | pass figure | measured by | results |\n|---|---|---|---|---|---|\n";
    for (const auto& c : p.criteria)
        out << fmt::format("| {} | {} | {} | {} | `{}` | `{}`{} |\n", c.id, level_name(c.level), c.title,
                           c.operation == "create" ? units::format_sig(c.figure) + " creates/s" : both(c.figure), c.job,
                           c.results, c.judged ? "" : " (by hand)");
    out << "\n## Criteria\n\n";
    for (const auto& c : p.criteria)
        out << fmt::format("{}. **{} ({})**: {}. Pass: {} {} {}{}. Measured: {}. Figure: {}.\n", c.id.substr(1), c.id,
                           level_name(c.level), c.title, c.per_file ? "every result file's figure" : "the measured figure",
                           c.judged ? ">=" : "at least",
                           c.operation == "create" ? units::format_sig(c.figure) + " creates/s" : both(c.figure),
                           c.judged ? "" : " (DLIO's own verdict, judged by hand)", c.how, c.derivation);
    return out.str();
}

} // namespace

Pack pack(const plan::Evaluation& ev, const Options& options) {
    Builder b{ev, options, {}, 1};
    for (const auto& q : ev.report.requirements)
        if (q.is_bandwidth()) b.bandwidth(q);
    b.metadata();
    b.data_loading();
    b.p.files.insert(b.p.files.begin(), {"README.md", readme(ev, b.p, options)});
    return b.p;
}

bool matches(const std::string& pattern, const std::string& name) {
    auto star = pattern.find('*');
    if (star == std::string::npos) return pattern == name;
    auto pre = pattern.substr(0, star), post = pattern.substr(star + 1);
    return name.size() >= pre.size() + post.size() && name.compare(0, pre.size(), pre) == 0 &&
           name.compare(name.size() - post.size(), post.size(), post) == 0;
}

Measured measure(const std::string& tool, const std::string& operation, const std::string& text) {
    Measured m;
    try {
        if (tool == "ior") {
            auto j = nlohmann::json::parse(text);
            for (const auto& s : j.at("summary"))
                if (s.at("operation").get<std::string>() == operation) {
                    m.value = s.at("bwMeanMIB").get<double>() * k_mib;
                    m.source = fmt::format("IOR summary, {} bwMeanMIB", operation);
                    return m;
                }
            m.error = fmt::format("the IOR summary has no '{}' operation", operation);
            return m;
        }
        if (tool == "fio") {
            // The group's figure: with group_reporting each group is one entry; the measuring group is 'measure'.
            auto j = nlohmann::json::parse(text);
            for (const auto& job : j.at("jobs"))
                if (job.at("jobname").get<std::string>() == "measure") {
                    m.value = job.at(operation).at("bw_bytes").get<double>();
                    m.source = fmt::format("fio group 'measure', {}.bw_bytes", operation);
                    return m;
                }
            m.error = "the fio output has no 'measure' group";
            return m;
        }
    } catch (const std::exception& e) {
        m.error = fmt::format("not {} JSON: {}", tool == "ior" ? "IOR" : "fio", e.what());
        return m;
    }
    if (tool == "elbencho") {
        std::istringstream in(text);
        std::string line;
        std::vector<std::string> header;
        auto split = [](const std::string& l) {
            std::vector<std::string> out;
            std::string cell;
            std::istringstream s(l);
            while (std::getline(s, cell, ',')) out.push_back(cell);
            return out;
        };
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty()) continue;
            if (header.empty()) {
                header = split(line);
                continue;
            }
            auto cells = split(line);
            auto at = [&](const char* name) -> std::string {
                auto it = std::find(header.begin(), header.end(), name);
                auto i = static_cast<std::size_t>(it - header.begin());
                return it == header.end() || i >= cells.size() ? std::string() : cells[i];
            };
            std::string op = at("operation");
            std::transform(op.begin(), op.end(), op.begin(),
                           [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            if (op == operation && !at("MiB/s [last]").empty()) {
                m.value = std::strtod(at("MiB/s [last]").c_str(), nullptr) * k_mib;
                m.source = fmt::format("elbencho {} row, MiB/s [last] (Last Done)", operation);
                return m;
            }
        }
        m.error = fmt::format("the elbencho CSV has no {} row with 'MiB/s [last]'", operation);
        return m;
    }
    if (tool == "mdtest") {
        std::istringstream in(text);
        std::string line;
        while (std::getline(in, line)) {
            auto at = line.find("File creation");
            if (at == std::string::npos) continue;
            auto colon = line.find(':', at);
            if (colon == std::string::npos) continue;
            std::istringstream nums(line.substr(colon + 1));
            double max = 0, min = 0;
            if (nums >> max >> min) {
                m.value = min;
                m.source = "mdtest 'File creation', Min over iterations";
                return m;
            }
        }
        m.error = "the mdtest output has no 'File creation' line with Max and Min";
        return m;
    }
    m.error = fmt::format("{} results are judged by hand", tool);
    return m;
}

std::vector<Verdict> judge(const std::vector<Criterion>& criteria, const std::map<std::string, std::string>& results) {
    std::vector<Verdict> out;
    for (const auto& c : criteria) {
        if (!c.judged) continue;
        bool any = false;
        for (const auto& [name, text] : results) {
            if (!matches(c.results, name)) continue;
            any = true;
            Verdict v;
            v.criterion = c.id;
            v.file = name;
            auto m = measure(c.tool, c.operation, text);
            v.measured = m.value;
            v.note = m.value ? m.source : m.error;
            if (m.value) {
                v.gap = c.figure > 0 ? *m.value / c.figure - 1 : 0;
                v.pass = *m.value >= c.figure * (1 - 1e-9);
            }
            out.push_back(v);
        }
        if (!any) out.push_back({c.id, "", std::nullopt, false, 0, fmt::format("no result file {} in RESULTS", c.results)});
    }
    return out;
}

} // namespace archplan::acceptance
