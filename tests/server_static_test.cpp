// The web client's files (--web-root) through handle_request: index.html for "/", media types,
// strong ETags and 304, gzip, HEAD, cache policy, the glyph-range rule, API routes first, and every
// way out of the root refused.
#include "layers/tiles/gzip.hpp"
#include "server/handle_request.hpp"
#include "support/fixture_store.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using server::http::field;
using server::http::status;
using server::http::verb;

const std::string kIndex = "<!doctype html><title>长春都市圈</title><script type=module src=/assets/index-AbCd1234.js>";
const std::string kSecret = "not for the web";

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

// root/ is the web root; outside/ beside it holds what must never be served.
struct WebRoot {
  test_support::TempDir dir;
  fs::path root = dir / "root";
  WebRoot() {
    write(root / "index.html", kIndex);
    write(root / "assets" / "index-AbCd1234.js", repeated("export const layer = 'groups';\n", 200));
    write(root / "assets" / "worker-Zz9_x-Y1.mjs", "self.onmessage = () => {};");
    write(root / "assets" / "index-AbCd1234.css", "body { margin: 0; }");
    write(root / "assets" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>");
    write(root / "style.json", R"({"version": 8})");
    write(root / "icon.png", std::string("\x89PNG\r\n\x1a\n", 8));
    write(root / "font.woff2", "wOF2");
    write(root / "fonts" / "Noto Sans" / "0-255.pbf", std::string("\x0a\x00", 2));
    write(root / "healthz", "a file that must not shadow the route");
    write(root / ".stamp", "hidden");
    write(root / "sub" / "index.html", "sub index");
    write(dir / "outside" / "secret.txt", kSecret);
    fs::create_symlink(dir / "outside" / "secret.txt", root / "link-out.txt");
    fs::create_symlink(dir / "outside", root / "dir-link");
    fs::create_symlink("index.html", root / "inside-link.html");
  }
  [[nodiscard]] server::App app() const {
    server::ServerConfig config;
    config.web_root = root.string();
    return test_support::sample_app(1, config);
  }
};

server::Request request(const std::string& target, verb method = verb::get) {
  server::Request r(method, target, 11);
  r.set(field::host, "layout.test");
  r.keep_alive(true);
  return r;
}

TEST(StaticFiles, RootIsIndexHtmlRevalidatedEveryTime) {
  const WebRoot web;
  const auto app = web.app();
  const auto response = server::handle_request(app, request("/"));
  ASSERT_EQ(response.result(), status::ok) << response.body();
  EXPECT_EQ(response.body(), kIndex);
  EXPECT_EQ(response[field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(response[field::cache_control], "no-cache");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(server::handle_request(app, request("/index.html?v=2")).body(), kIndex);
  EXPECT_EQ(server::handle_request(app, request("/sub/")).body(), "sub index");
}

// Issue 22, item 13: the page was served without a content security policy or framing rules.
TEST(StaticFiles, ThePageForbidsForeignScriptsAndFraming) {
  const WebRoot web;
  const auto app = web.app();
  const auto response = server::handle_request(app, request("/"));
  ASSERT_EQ(response.result(), status::ok);
  const std::string csp(response["Content-Security-Policy"]);
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << csp;
  EXPECT_EQ(response["X-Frame-Options"], "DENY");
  EXPECT_EQ(response["Referrer-Policy"], "strict-origin-when-cross-origin");
}

TEST(StaticFiles, MediaTypesByExtension) {
  const WebRoot web;
  const auto app = web.app();
  const std::pair<const char*, const char*> cases[] = {
      {"/assets/index-AbCd1234.js", "text/javascript; charset=utf-8"},
      {"/assets/worker-Zz9_x-Y1.mjs", "text/javascript; charset=utf-8"},
      {"/assets/index-AbCd1234.css", "text/css; charset=utf-8"},
      {"/assets/logo.svg", "image/svg+xml"},
      {"/style.json", "application/json"},
      {"/icon.png", "image/png"},
      {"/font.woff2", "font/woff2"},
      {"/fonts/Noto%20Sans/0-255.pbf", "application/x-protobuf"},
  };
  for (const auto& [target, type] : cases) {
    const auto response = server::handle_request(app, request(target));
    ASSERT_EQ(response.result(), status::ok) << target;
    EXPECT_EQ(response[field::content_type], type) << target;
  }
}

TEST(StaticFiles, HashedAssetsAreImmutableOthersRevalidate) {
  const WebRoot web;
  const auto app = web.app();
  const auto immutable = "public, max-age=31536000, immutable";
  EXPECT_EQ(server::handle_request(app, request("/assets/index-AbCd1234.js"))[field::cache_control], immutable);
  EXPECT_EQ(server::handle_request(app, request("/assets/worker-Zz9_x-Y1.mjs"))[field::cache_control], immutable);
  // No hash in the name, or not under assets/: the same URL may get new content.
  EXPECT_EQ(server::handle_request(app, request("/assets/logo.svg"))[field::cache_control], "no-cache");
  EXPECT_EQ(server::handle_request(app, request("/style.json"))[field::cache_control], "no-cache");
}

TEST(StaticFiles, StrongEtagAnd304) {
  const WebRoot web;
  const auto app = web.app();
  const auto first = server::handle_request(app, request("/assets/index-AbCd1234.js"));
  const std::string etag(first[field::etag]);
  ASSERT_EQ(etag.size(), 18U) << etag;  // "16 hex digits", strong (no W/)
  EXPECT_EQ(etag.front(), '"');

  auto conditional = request("/assets/index-AbCd1234.js");
  conditional.set(field::if_none_match, "\"0000000000000000\", " + etag);
  const auto again = server::handle_request(app, conditional);
  EXPECT_EQ(again.result(), status::not_modified);
  EXPECT_TRUE(again.body().empty());
  EXPECT_EQ(again[field::etag], etag);
  EXPECT_EQ(again[field::cache_control], first[field::cache_control]);

  conditional.set(field::if_none_match, "\"0000000000000000\"");
  EXPECT_EQ(server::handle_request(app, conditional).result(), status::ok);
  // Different content, different tag.
  EXPECT_NE(server::handle_request(app, request("/style.json"))[field::etag], etag);
}

TEST(StaticFiles, GzipWhenAcceptedForText) {
  const WebRoot web;
  const auto app = web.app();
  auto gz = request("/assets/index-AbCd1234.js");
  gz.set(field::accept_encoding, "gzip, br");
  const auto packed = server::handle_request(app, gz);
  ASSERT_EQ(packed.result(), status::ok);
  EXPECT_EQ(packed[field::content_encoding], "gzip");
  EXPECT_EQ(packed[field::vary], "Accept-Encoding");
  const auto plain = server::handle_request(app, request("/assets/index-AbCd1234.js"));
  EXPECT_EQ(plain[field::content_encoding], "");
  EXPECT_LT(packed.body().size(), plain.body().size() / 10);
  EXPECT_EQ(layers::tiles::gzip_decompress(packed.body()), plain.body());
  EXPECT_NE(packed[field::etag], plain[field::etag]) << "each coding is its own representation";

  // The gzip tag revalidates the gzip representation only.
  gz.set(field::if_none_match, std::string(packed[field::etag]));
  EXPECT_EQ(server::handle_request(app, gz).result(), status::not_modified);
  auto identity = request("/assets/index-AbCd1234.js");
  identity.set(field::if_none_match, std::string(packed[field::etag]));
  EXPECT_EQ(server::handle_request(app, identity).result(), status::ok);

  // Refused coding, and binary types that do not shrink, stay identity.
  gz.set(field::accept_encoding, "gzip;q=0");
  gz.erase(field::if_none_match);
  EXPECT_EQ(server::handle_request(app, gz)[field::content_encoding], "");
  auto png = request("/icon.png");
  png.set(field::accept_encoding, "gzip");
  EXPECT_EQ(server::handle_request(app, png)[field::content_encoding], "");
}

TEST(StaticFiles, HeadSendsHeadersOnly) {
  const WebRoot web;
  const auto app = web.app();
  const auto response = server::handle_request(app, request("/index.html", verb::head));
  ASSERT_EQ(response.result(), status::ok);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response[field::content_length], std::to_string(kIndex.size()));
  EXPECT_EQ(response[field::content_type], "text/html; charset=utf-8");
}

TEST(StaticFiles, OtherMethodsOnAFileAre405) {
  const WebRoot web;
  const auto app = web.app();
  const auto response = server::handle_request(app, request("/index.html", verb::post));
  EXPECT_EQ(response.result(), status::method_not_allowed);
  EXPECT_EQ(response[field::allow], "GET, HEAD");
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"], "method_not_allowed");
}

TEST(StaticFiles, ApiRoutesKeepPriority) {
  const WebRoot web;
  const auto app = web.app();
  const auto health = server::handle_request(app, request("/healthz"));
  ASSERT_EQ(health.result(), status::ok);
  EXPECT_EQ(nlohmann::json::parse(health.body())["status"], "ok");
  // A route's path under another method stays that route's 405, not a file; HEAD is its GET
  // without the body (RFC 9110 section 9.3.2).
  EXPECT_EQ(server::handle_request(app, request("/healthz", verb::post)).result(), status::method_not_allowed);
  const auto head = server::handle_request(app, request("/healthz", verb::head));
  EXPECT_EQ(head.result(), status::ok);
  EXPECT_TRUE(head.body().empty());
  EXPECT_EQ(head[server::http::field::content_length], std::to_string(health.body().size()));
  // Unknown API paths are JSON 404s, not the page.
  const auto unknown = server::handle_request(app, request("/api/v1/nope"));
  EXPECT_EQ(unknown.result(), status::not_found);
  EXPECT_EQ(nlohmann::json::parse(unknown.body())["error"], "not_found");
}

TEST(StaticFiles, TraversalIsRefused) {
  const WebRoot web;
  const auto app = web.app();
  for (const char* target :
       {"/../outside/secret.txt", "/assets/../../outside/secret.txt", "/%2e%2e/outside/secret.txt",
        "/assets/..%2f..%2foutside/secret.txt", "/assets%2f..%2f..%2foutside%2fsecret.txt",
        "/..%5coutside%5csecret.txt", "/index.html%00.png", "//outside/secret.txt", "/./index.html"}) {
    const auto response = server::handle_request(app, request(target));
    EXPECT_EQ(response.result(), status::bad_request) << target;
    EXPECT_EQ(nlohmann::json::parse(response.body())["error"], "bad_path") << target;
    EXPECT_EQ(response.body().find(kSecret), std::string::npos) << target;
  }
  EXPECT_EQ(server::handle_request(app, request("/%zz")).result(), status::bad_request);
}

TEST(StaticFiles, SymlinksOutOfTheRootAndHiddenFilesAreNotServed) {
  const WebRoot web;
  const auto app = web.app();
  for (const char* target : {"/link-out.txt", "/dir-link/secret.txt", "/.stamp", "/outside/secret.txt"}) {
    const auto response = server::handle_request(app, request(target));
    EXPECT_EQ(response.result(), status::not_found) << target;
    EXPECT_EQ(response.body().find(kSecret), std::string::npos) << target;
  }
  // A link that stays inside the root is a second name for its file.
  EXPECT_EQ(server::handle_request(app, request("/inside-link.html")).body(), kIndex);
  EXPECT_EQ(app.web.skipped(), 2U);  // link-out.txt, dir-link
}

TEST(StaticFiles, MissingGlyphRangeOfAKnownFontIsAnEmptyGlyphSet) {
  const WebRoot web;
  const auto app = web.app();
  const auto missing = server::handle_request(app, request("/fonts/Noto%20Sans/19968-20223.pbf"));
  ASSERT_EQ(missing.result(), status::ok);
  EXPECT_TRUE(missing.body().empty());
  EXPECT_EQ(missing[field::content_type], "application/x-protobuf");
  EXPECT_EQ(server::handle_request(app, request("/fonts/Noto%20Sans/0-255.pbf")).body(), std::string("\x0a\x00", 2));
  // Not a range MapLibre would ask for, or a font that was not generated: 404.
  for (const char* target :
       {"/fonts/Noto%20Sans/100-355.pbf", "/fonts/Noto%20Sans/0-511.pbf", "/fonts/Noto%20Sans/65536-65791.pbf",
        "/fonts/Other/0-255.pbf", "/fonts/Noto%20Sans/x.pbf"}) {
    EXPECT_EQ(server::handle_request(app, request(target)).result(), status::not_found) << target;
  }
}

TEST(StaticFiles, CountedInTheirOwnMetricsSeries) {
  const WebRoot web;
  const auto app = web.app();
  server::handle_request(app, request("/"));
  const auto metrics = server::handle_request(app, request("/metrics"));
  EXPECT_NE(metrics.body().find("layoutd_requests_total{route=\"static\",status=\"200\"} 1"), std::string::npos)
      << metrics.body();
}

TEST(StaticFiles, WithoutAWebRootEveryPathIs404) {
  const auto app = test_support::sample_app();
  const auto response = server::handle_request(app, request("/"));
  EXPECT_EQ(response.result(), status::not_found);
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"], "not_found");
}

TEST(StaticFiles, UnusableWebRootStopsStartUp) {
  const WebRoot web;
  server::ServerConfig config;
  config.web_root = (web.dir / "missing").string();
  EXPECT_THROW(test_support::sample_app(1, config), server::WebRootError);
  config.web_root = (web.root / "index.html").string();
  EXPECT_THROW(test_support::sample_app(1, config), server::WebRootError);
  EXPECT_THROW(server::StaticFiles(web.root, {.max_files = 3}), server::WebRootError);
  EXPECT_THROW(server::StaticFiles(web.root, {.max_bytes = 1000}), server::WebRootError);
  EXPECT_NO_THROW(server::StaticFiles(web.root));
}

}  // namespace
