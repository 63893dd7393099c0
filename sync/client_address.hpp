// Who is asking, behind a municipality's reverse proxy (issue #29, finding 3): the socket's peer is the
// proxy for every user, so login throttling by it locked everyone out at once. X-Forwarded-For is
// believed only from proxies the administrator lists (`magtreg serve --trusted-proxy ADDR`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
}

namespace magtreg::sync {

// The address in its canonical text (inet_ntop's), or nothing when `text` is not an IPv4 or IPv6 address.
std::optional<std::string> canonical_ip(std::string_view text);

// The client's address: the socket's peer; or, when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not itself one (read from the right: each proxy appends the address it saw,
// and whatever a client wrote stands to the left). An entry that is not an address stops the walk at the
// last trusted hop. `trusted_proxies` holds canonical addresses.
std::string client_address(const httplib::Request& req, const std::vector<std::string>& trusted_proxies);

}  // namespace magtreg::sync
