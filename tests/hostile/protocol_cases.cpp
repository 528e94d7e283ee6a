// HTTP/1.1 itself (RFC 9110, 9112): methods, versions, request lines, header syntax, message
// framing and keep-alive, as broken or as odd as clients and attackers send them. A request whose
// framing cannot be trusted is answered and its connection closed; garbage gets a 400 or a close.
#include "hostile/catalogue.hpp"

namespace hostile {
namespace {

const std::string kHost = "Host: t\r\n";
const std::string kClose = "Connection: close\r\n";

}  // namespace

std::vector<Case> protocol_cases() {
  const std::string health = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  return {
      // Methods and versions.
      {"UnknownMethod", {request("BREW", "/healthz", kHost + kClose)}, {501}},
      {"LowercaseMethod", {request("get", "/healthz", kHost + kClose)}, {501}},
      {"TraceMethod", {request("TRACE", "/healthz", kHost + kClose)}, {405}},
      {"ConnectMethod", {request("CONNECT", "t:443", kHost + kClose)}, {400}},
      {"PutToAnApi", {request("PUT", "/api/v1/overlap", kHost + kClose + "Content-Length: 0\r\n")}, {405}},
      {"HeadOfHealthz", {request("HEAD", "/healthz", kHost + kClose)}, {200}},
      {"Http10", {request("GET", "/healthz", "", "", "HTTP/1.0")}, {200}},
      {"Http09", {"GET /healthz\r\n\r\n"}, {400}},
      {"Http2Version", {request("GET", "/healthz", kHost + kClose, "", "HTTP/2.0")}, {400}},
      {"Http2Preface", {"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"}, {400}},
      {"VersionGarbage", {request("GET", "/healthz", kHost + kClose, "", "HTTP/1.x")}, {400}},
      // Request lines.
      {"EmptyLine", {"\r\n\r\n"}, {400}},
      {"OnlyGarbage", {std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11)}, {400}},  // a TLS hello
      {"NulInRequestLine", {std::string("GET /heal\0thz HTTP/1.1\r\nHost: t\r\n\r\n", 37)}, {400}},
      {"TwoSpacesInRequestLine", {"GET  /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"}, {400}},
      {"TabInRequestLine", {"GET\t/healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"}, {400}},
      {"BareLineFeeds", {"GET /healthz HTTP/1.1\nHost: t\nConnection: close\n\n"}, {400}},
      {"AsteriskTarget", {request("GET", "*", kHost + kClose)}, {400}},
      {"TargetWithFragment", {get("/healthz#x")}, {404}},
      {"TargetWithoutSlash", {request("GET", "healthz", kHost + kClose)}, {400}},
      {"LongMethod", {request(std::string(20000, 'G'), "/", kHost + kClose)}, {414}},
      // Header syntax.
      {"HeaderWithoutColon", {request("GET", "/healthz", kHost + kClose + "NoColonHere\r\n")}, {400}},
      {"SpaceBeforeColon", {request("GET", "/healthz", kHost + kClose + "X-A : b\r\n")}, {400}},
      {"ObsoleteLineFolding", {request("GET", "/healthz", kHost + kClose + "X-A: b\r\n c\r\n")}, {200}},
      {"NulInHeaderValue", {request("GET", "/healthz", kHost + kClose + std::string("X-A: b\0c\r\n", 10))}, {400}},
      {"ControlCharInHeaderName",
       {request("GET", "/healthz",
                kHost + kClose +
                    "X\x01"
                    "A: b\r\n")},
       {400}},
      {"ManySmallHeaders", {request("GET", "/healthz", kHost + kClose + repeat("X-A: b\r\n", 1500))}, {200}},
      {"TooManyHeadersForTheLimit",
       {request("GET", "/healthz", kHost + kClose + repeat("X-Abcdefgh: 0123456789\r\n", 1000))},
       {431}},
      {"HostWithSpaces", {request("GET", "/healthz", "Host: a b\r\n" + kClose)}, {400}},
      {"EmptyHost", {request("GET", "/healthz", "Host:\r\n" + kClose)}, {200}},
      // Framing (RFC 9112 section 6).
      {"ContentLengthNegative",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: -1\r\n", "{}")},
       {400}},
      {"ContentLengthNotANumber",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: ten\r\n", "{}")},
       {400}},
      {"ContentLengthOverflow",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: 99999999999999999999999\r\n", "{}")},
       {400}},
      {"TwoDifferentContentLengths",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: 2\r\nContent-Length: 5\r\n", "{}")},
       {400}},
      {"ContentLengthList",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: 2, 5\r\n", "{}")},
       {400}},
      {"ContentLengthAndChunked",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n",
                "0\r\n\r\n")},
       {400}},
      {"ContentLengthOverTheBodyLimit",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nContent-Length: 1000000000\r\n")},
       {413},
       true,
       "payload_too_large"},
      {"ChunkSizeNotHex",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "zz\r\n{}\r\n0\r\n\r\n")},
       {400}},
      {"ChunkSizeOverflow",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n")},
       {400}},
      {"ChunkedOverTheBodyLimit",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "900000\r\n")},
       {413}},
      {"ChunkedHonest",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n")},
       {400}},
      {"ChunkExtensionsOdd",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "2;a=\"b\";c\r\n{}\r\n0\r\n\r\n")},
       {400}},
      {"ChunkMissingCrlf",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "2\r\n{}XX0\r\n\r\n")},
       {400}},
      {"TransferEncodingOnHttp10",
       {request("POST", "/api/v1/overlap", "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n",
                "2\r\n{}\r\n0\r\n\r\n", "HTTP/1.0")},
       {400}},
      {"BodyShorterThanContentLength",
       {request("POST", "/api/v1/overlap", kHost + kClose + "Content-Type: application/json\r\nContent-Length: 100\r\n",
                "{}")},
       {}},
      {"ExpectContinue",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 2\r\n",
                "{}")},
       {400}},
      {"ExpectSomethingElse",
       {request("POST", "/api/v1/overlap",
                kHost + kClose + "Content-Type: application/json\r\nExpect: x-magic\r\nContent-Length: 2\r\n", "{}")},
       {400}},
      {"UpgradeToWebSocket",
       {request("GET", "/healthz", kHost + kClose + "Upgrade: websocket\r\nSec-WebSocket-Key: x\r\n")},
       {200}},
      {"UpgradeToH2c",
       {request("GET", "/healthz",
                kHost + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: "
                        "AAMAAABkAARAAAAAAAIAAAAA\r\n")},
       {200}},
      // Keep-alive and pipelining.
      {"PipelinedTen", {repeat(health, 9) + get("/healthz")}, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"PipelinedMixedWithAnError",
       {health + "GET /tiles/99/0/0.mvt HTTP/1.1\r\nHost: t\r\n\r\n" + get("/healthz")},
       {200, 400, 200}},
      {"KeepAliveThenClose", {health, get("/healthz")}, {200, 200}},
      {"Http10KeepAlive",
       {request("GET", "/healthz", "Connection: keep-alive\r\n", "", "HTTP/1.0"),
        request("GET", "/healthz", "", "", "HTTP/1.0")},
       {200, 200}},
      {"RequestCutMidHeader", {"GET /healthz HTTP/1.1\r\nHost: t\r\nX-Cut: "}, {}},
      {"NothingSent", {""}, {}, false},  // an idle connection waits for its idle timeout
  };
}

}  // namespace hostile
