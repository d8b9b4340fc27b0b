// Reads a spec file and runs the loader and the graph builder, printing every diagnostic.
#include "pipeline.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

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

std::optional<spec::Spec> read_spec_file(const std::string& path, std::ostream& err, int& code) {
    std::error_code kind_error;
    if (std::filesystem::is_directory(path, kind_error)) {
        err << fmt::format("{}: error: is a directory, not a spec file\n", path);
        code = bad_input;
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err << fmt::format("{}: error: cannot open the spec file\n", path);
        code = bad_input;
        return std::nullopt;
    }
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_spec_bytes) {
        err << fmt::format("{}: error: the spec file is {} bytes; archplan reads specs up to {} bytes\n", path, size,
                           max_spec_bytes);
        code = bad_input;
        return std::nullopt;
    }
    std::ostringstream buf;
    buf << in.rdbuf();
    auto loaded = spec::load_string(buf.str(), path);
    if (!loaded.spec) {
        print_diagnostics(loaded.diagnostics, err);
        code = bad_input;
        return std::nullopt;
    }
    return std::move(loaded.spec);
}

} // namespace archplan::cli
