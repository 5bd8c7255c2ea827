// Catch2's main lives alone in this file: it is slow to compile and never changes.
// A wide console: CTest discovers test cases from Catch's name list, and a name wrapped at the
// default 80 columns would be lost.
#define CATCH_CONFIG_CONSOLE_WIDTH 400
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
