// archplan: the command line is run_cli (src/cli/app.cpp).
#include "commands.hpp"

int main(int argc, char** argv) { return archplan::cli::run_cli(argc, argv); }
