// The one doctest main shared by every test binary (an OBJECT library, so test cases register).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
