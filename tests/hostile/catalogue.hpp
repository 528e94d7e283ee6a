#pragma once
// The hostile-input catalogue (issue 22): requests as an attacker or a careless client sends them,
// byte for byte, each with what must come back. e2e_hostile_test.cpp sends every case to a running
// layoutd over the sample store (layers `groups` and `water_veins`; --max-parcel-vertices 2000,
// --read-timeout 2) and checks the answer, that the server still answers /healthz after it, and
// that its memory is back near its start after all of them.
#include <cstddef>
#include <string>
#include <vector>

namespace hostile {

struct Case {
  const char* name;
  std::vector<std::string> pieces;  // sent in order over one connection
  std::vector<int> expected;        // the statuses, in order; empty: no response at all
  bool must_close = true;           // the server closes the connection after them
  const char* error = "";           // the first response's "error" member, when given
};

// Request builders. Every request says Connection: close unless a case is about keep-alive, so a
// case ends when the server closes rather than at the exchange's timeout.
std::string request(const std::string& method, const std::string& target, const std::string& headers,
                    const std::string& body = "", const std::string& version = "HTTP/1.1");
std::string get(const std::string& target, const std::string& extra_headers = "");
std::string post(const std::string& target, const std::string& content_type, const std::string& body,
                 const std::string& extra_headers = "");
std::string post_json(const std::string& target, const std::string& body);
std::string repeat(const std::string& text, std::size_t n);
// A polygon of `n` vertices (a circle of 0.01° around 125.4 E, 43.7 N), as GeoJSON.
std::string circle_parcel(int n);

// The groups of cases, by what they aim at.
std::vector<Case> regression_cases();  // each defect issue 22 found, named after it
std::vector<Case> api_cases();         // /api/v1: locate, batch, nearest, overlap, layers
std::vector<Case> tile_cases();        // /tiles, /tiles.json
std::vector<Case> ogc_cases();         // /ogc
std::vector<Case> web_admin_cases();   // the web client's files, /healthz, /metrics, /admin
std::vector<Case> protocol_cases();    // HTTP/1.1 itself

std::vector<Case> catalogue();  // all of the above

}  // namespace hostile
