// Reads a spec file and runs the loader and the graph builder, printing every diagnostic.
#include "pipeline.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archplan::cli {

namespace {
constexpr std::size_t max_spec_bytes = 16u << 20; // a spec is a few kB; refuse to parse a 1 GB accident
constexpr std::size_t max_shown = 50;

} // namespace

void print_diagnostics(const spec::Diagnostics& d, std::ostream& err) {
    std::size_t shown = 0;
    for (const auto& item : d.items()) {
        if (shown++ == max_shown) {
            err << fmt::format("{}: error: {} more errors not shown\n", d.file(), d.items().size() - max_shown);
            break;
        }
        err << spec::format_diagnostic(item) << "\n";
    }
}

// Only a regular file is read, and at most `max_bytes` of it, counted while reading (a size from stat can lie:
// /dev/zero, /proc files). Opened non-blocking so a FIFO without a writer is refused instead of waiting forever.
std::optional<std::string> read_regular_file(const std::string& path, std::ostream& err, const char* what,
                                             std::size_t max_bytes) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        err << fmt::format("{}: error: cannot open the {}: {}\n", path, what, std::strerror(errno));
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        err << fmt::format("{}: error: cannot read the {}: {}\n", path, what, std::strerror(errno));
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        err << fmt::format("{}: error: is a directory, not a {}\n", path, what);
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        err << fmt::format("{}: error: is not a regular file (a FIFO, a device or a socket); archplan reads each {} "
                           "from a regular file\n",
                           path, what);
        return std::nullopt;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::string text;
    char buf[1 << 16];
    for (;;) {
        auto n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            err << fmt::format("{}: error: cannot read the {}: {}\n", path, what, std::strerror(errno));
            return std::nullopt;
        }
        if (n == 0) break;
        if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
            err << fmt::format("{}: error: the {} is larger than {} bytes ({} MiB), the most archplan reads\n", path, what,
                               max_bytes, max_bytes >> 20);
            return std::nullopt;
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

namespace {
std::optional<spec::Catalog>& chosen_catalog() {
    static std::optional<spec::Catalog> c;
    return c;
}
} // namespace

std::string graphviz_svg(const std::string& dot, std::string& why) {
    char path[] = "/tmp/archplan-topology-XXXXXX";
    int fd = ::mkstemp(path);
    if (fd < 0) {
        why = fmt::format("cannot write a temporary file for Graphviz: {}", std::strerror(errno));
        return {};
    }
    struct Remove {
        const char* p;
        ~Remove() { ::unlink(p); }
    } remove{path};
    std::size_t done = 0;
    while (done < dot.size()) {
        auto n = ::write(fd, dot.data() + done, dot.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    // The path is ours (mkstemp: letters and digits only), so it needs no quoting beyond this.
    FILE* p = ::popen(fmt::format("dot -Tsvg '{}' 2>/dev/null", path).c_str(), "r");
    if (!p) {
        why = "cannot run Graphviz's dot";
        return {};
    }
    std::string svg;
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) svg.append(buf, n);
    int status = ::pclose(p);
    if (status != 0 || svg.find("<svg") == std::string::npos) {
        why = "Graphviz's dot is not installed (apt-get install graphviz) or could not lay the graph out; topology.dot is "
              "written, topology.svg is not";
        return {};
    }
    return svg.substr(svg.find("<svg")); // without the XML declaration and DOCTYPE, so it can be inlined in HTML
}

bool choose_catalog(const CatalogChoice& choice, std::ostream& err) {
    if (choice.file.empty()) return true;
    auto text = read_regular_file(choice.file, err, "catalog file", max_spec_bytes);
    if (!text) return false;
    auto loaded = spec::load_catalog(*text, choice.file);
    if (!loaded.catalog) {
        print_diagnostics(loaded.diagnostics, err);
        return false;
    }
    chosen_catalog() = choice.replace ? *loaded.catalog : spec::extend_catalog(spec::shipped_catalog(), *loaded.catalog);
    return true;
}

std::optional<spec::Spec> read_spec_file(const std::string& path, std::ostream& err, int& code) {
    auto text = read_regular_file(path, err, "spec file", max_spec_bytes);
    if (!text) {
        code = bad_input;
        return std::nullopt;
    }
    auto loaded = chosen_catalog() ? spec::load_string(*text, path, *chosen_catalog()) : spec::load_string(*text, path);
    if (!loaded.spec) {
        print_diagnostics(loaded.diagnostics, err);
        code = bad_input;
        return std::nullopt;
    }
    return std::move(loaded.spec);
}

std::optional<plan::Evaluation> evaluate_routed(const std::string& path, std::ostream& err, int& code) {
    auto spec = read_spec_file(path, err, code);
    if (!spec) return std::nullopt;
    plan::Options options;
    options.analyse = {false, false, false};
    auto evaluated = plan::evaluate(std::move(*spec), options);
    if (!evaluated.value) {
        if (!evaluated.sizing_problem.empty())
            err << fmt::format("{}: error: cannot size the auto counts: {}\n", path, evaluated.sizing_problem);
        print_diagnostics(evaluated.diagnostics, err);
        code = bad_input;
        return std::nullopt;
    }
    return std::move(*evaluated.value);
}

// Writes `data` to `path` with POSIX calls, so a failure has its cause (errno). Returns "" or the cause.
namespace {
std::string write_whole(const std::string& path, const std::string& data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return std::strerror(errno);
    std::size_t done = 0;
    while (done < data.size()) {
        auto n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            std::string why = std::strerror(errno);
            ::close(fd);
            return why;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) return std::strerror(errno);
    return "";
}

} // namespace

// The reports go into `dir` all or nothing: each is written whole to a hidden temporary name beside its place,
// and only when every one is written are they renamed into place. A failure (a full disk, a file-size limit, a
// directory in a report's place) removes the temporaries and leaves the previous reports as they were.
// Returns "" or the error, naming the file and the cause.
std::string write_reports(const std::filesystem::path& dir, const std::vector<std::pair<std::string, std::string>>& files) {
    std::error_code created;
    std::filesystem::create_directories(dir, created); // -o names a folder that may not exist yet
    if (created) return fmt::format("cannot create '{}': {}", dir.string(), created.message());
    namespace fs = std::filesystem;
    std::vector<std::string> written;
    auto abandon = [&](const std::string& message) {
        for (const auto& t : written) ::unlink(t.c_str());
        return message;
    };
    const auto tag = fmt::format(".tmp-{}", ::getpid());
    for (const auto& [name, data] : files) {
        auto final_path = (dir / name).string();
        std::error_code ec;
        if (fs::is_directory(final_path, ec))
            return abandon(fmt::format("cannot write '{}': a directory is in its place; the files in '{}' are unchanged",
                                       final_path, dir.string()));
        auto tmp = (dir / ("." + name + tag)).string();
        auto why = write_whole(tmp, data);
        if (!why.empty()) {
            ::unlink(tmp.c_str());
            return abandon(fmt::format("cannot write '{}': {}; the files in '{}' are unchanged", final_path, why, dir.string()));
        }
        written.push_back(tmp);
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto final_path = (dir / files[i].first).string();
        if (::rename(written[i].c_str(), final_path.c_str()) != 0) {
            // Rare (a sticky directory, a file of another user's): the ones before it are already replaced, so the
            // message says which, instead of claiming nothing changed.
            auto why = std::strerror(errno);
            for (std::size_t k = i; k < written.size(); ++k) ::unlink(written[k].c_str());
            std::string replaced;
            for (std::size_t k = 0; k < i; ++k) replaced += (replaced.empty() ? "" : ", ") + files[k].first;
            return fmt::format("cannot write '{}': {}; {}", final_path, why,
                               i == 0
                                   ? "the files in '" + dir.string() + "' are unchanged"
                                   : "already replaced: " + replaced + " (the others in '" + dir.string() + "' are unchanged)");
        }
    }
    return "";
}

} // namespace archplan::cli
