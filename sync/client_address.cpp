// The client's address behind trusted proxies (see client_address.hpp).
#include "sync/client_address.hpp"

#include <arpa/inet.h>
#include <httplib.h>

#include <algorithm>

namespace magtreg::sync {

std::optional<std::string> canonical_ip(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  char out[INET6_ADDRSTRLEN] = {};
  in6_addr v6{};
  in_addr v4{};
  if (::inet_pton(AF_INET, s.c_str(), &v4) == 1) return std::string(::inet_ntop(AF_INET, &v4, out, sizeof out));
  if (::inet_pton(AF_INET6, s.c_str(), &v6) == 1) return std::string(::inet_ntop(AF_INET6, &v6, out, sizeof out));
  return std::nullopt;
}

std::string client_address(const httplib::Request& req, const std::vector<std::string>& trusted_proxies) {
  const auto trusted = [&](const std::string& address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  std::string address = req.remote_addr;
  if (!trusted(address)) return address;
  // Every X-Forwarded-For field, in order, as one list.
  std::vector<std::string_view> hops;
  const auto fields = req.get_header_value_count("X-Forwarded-For");
  std::vector<std::string> values;
  for (std::size_t i = 0; i < fields; ++i) values.push_back(req.get_header_value("X-Forwarded-For", i));
  for (const auto& value : values) {
    std::string_view rest = value;
    for (;;) {
      const auto comma = rest.find(',');
      hops.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    auto ip = canonical_ip(*hop);
    if (!ip) break;
    address = std::move(*ip);
    if (!trusted(address)) break;
  }
  return address;
}

}  // namespace magtreg::sync
