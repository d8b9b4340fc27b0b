// Replays an `archplan export simgrid` directory in SimGrid 3.32: every flow starts at once, each destination has one
// permanent receiver (mailbox communications, not Comm::sendto_async, whose bookkeeping is quadratic in transfers),
// and the fluid model is configured so that max-min sharing is all that decides a rate (docs/validation.md). Prints
// per-run totals: the last finish time gives the bulk-synchronous figure; the mean of the sources' finish times is shown
// beside it (a rate from a mean finish time is not the bulk-synchronous figure).
//
// usage: archplan-simgrid-replay PLATFORM.xml FLOWS.csv [--finish-times FILE] [--cfg=...]
#include <simgrid/s4u.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace sg = simgrid::s4u;

namespace {

struct Flow {
    std::string source, destination;
    double bytes = 0;
    double finish = -1;
};

std::vector<Flow> read_flows(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<Flow> flows;
    std::string line;
    std::getline(in, line); // header
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        std::stringstream s(line);
        Flow f;
        std::string bytes;
        if (!std::getline(s, f.source, ',') || !std::getline(s, f.destination, ',') || !std::getline(s, bytes))
            throw std::runtime_error("bad line in " + path + ": " + line);
        f.bytes = std::stod(bytes);
        flows.push_back(f);
    }
    return flows;
}

} // namespace

int main(int argc, char** argv) {
    sg::Engine engine(&argc, argv);
    // With weight-S 0 a nonzero latency would turn into a sharing weight; latencies are 0 in the export anyway.
    for (const char* c : {"network/model:CM02", "network/TCP-gamma:0", "network/weight-S:0", "network/crosstraffic:0",
                          "network/bandwidth-factor:1", "network/latency-factor:1", "network/optim:Full",
                          "maxmin/precision:1e-12", "surf/precision:1e-12", "contexts/stack-size:64"})
        sg::Engine::set_config(c);
    std::string finish_file;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--finish-times" && i + 1 < argc)
            finish_file = argv[++i];
        else
            args.push_back(a);
    }
    if (args.size() != 2) {
        std::cerr << "usage: archplan-simgrid-replay PLATFORM.xml FLOWS.csv [--finish-times FILE]\n";
        return 2;
    }
    std::vector<Flow> flows;
    try {
        engine.load_platform(args[0]);
        flows = read_flows(args[1]);
    } catch (const std::exception& e) {
        std::cerr << "archplan-simgrid-replay: error: " << e.what() << "\n";
        return 2;
    }
    std::map<std::string, int> expected; // destination -> flows it receives
    for (const auto& f : flows) ++expected[f.destination];
    for (const auto& [destination, count] : expected) {
        auto* host = sg::Host::by_name_or_null(destination);
        if (!host) {
            std::cerr << "archplan-simgrid-replay: error: no host '" << destination << "' in the platform\n";
            return 2;
        }
        sg::Actor::create("receiver-" + destination, host, [destination = destination, count = count] {
            auto* mb = sg::Mailbox::by_name(destination);
            mb->set_receiver(sg::Actor::self()); // transfers start as soon as they are sent
            for (int k = 0; k < count; ++k) delete mb->get<int>();
        });
    }
    // One actor per source host: it starts all its transfers at once, then waits for each. The last wait returns when
    // the host's last transfer ends, which is all the bulk-synchronous figure needs.
    std::map<std::string, std::vector<Flow*>> by_source;
    for (auto& f : flows) by_source[f.source].push_back(&f);
    std::map<std::string, double> host_finish;
    for (auto& [source, mine] : by_source) {
        auto* host = sg::Host::by_name_or_null(source);
        if (!host) {
            std::cerr << "archplan-simgrid-replay: error: no host '" << source << "' in the platform\n";
            return 2;
        }
        sg::Actor::create("sender-" + source, host, [&host_finish, source = source, mine = mine] {
            std::vector<sg::CommPtr> comms;
            for (auto* f : mine) comms.push_back(sg::Mailbox::by_name(f->destination)->put_async(new int(0), f->bytes));
            for (std::size_t k = 0; k < comms.size(); ++k) {
                comms[k]->wait();
                mine[k]->finish = sg::Engine::get_clock(); // not before the transfer ended; exact for the last
            }
            host_finish[source] = sg::Engine::get_clock();
        });
    }
    engine.run();
    double bytes = 0, last = 0, mean = 0;
    for (const auto& f : flows) {
        bytes += f.bytes;
        last = std::max(last, f.finish);
    }
    for (const auto& [source, t] : host_finish) mean += t / static_cast<double>(host_finish.size());
    if (!finish_file.empty()) {
        std::ofstream out(finish_file);
        out << std::setprecision(17) << "source,finish_s\n";
        for (const auto& [source, t] : host_finish) out << source << "," << t << "\n";
    }
    std::printf("flows %zu\nsource_hosts %zu\nbytes %.17g\nlast_finish_s %.17g\nmean_source_finish_s %.17g\n"
                "bulk_synchronous_Bps %.17g\nmean_based_Bps %.17g\n",
                flows.size(), host_finish.size(), bytes, last, mean, bytes / last, bytes / mean);
    return 0;
}
