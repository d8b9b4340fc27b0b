// The one place the unit tests include Catch2 (Debian 12 ships Catch2 v2.13, single header).
#pragma once
#include <catch2/catch.hpp>
