#include "server/http/redact.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <vector>

namespace server {
namespace {

constexpr std::string_view kMask = "***";
// A connection string is short; a window longer than this is prose, not worth asking libpq about.
constexpr std::size_t kLongestConnectionString = 1024;

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool is_quote(char c) { return c == '\'' || c == '"'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

struct ConninfoFree {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};
struct PqFree {
  void operator()(char* text) const { PQfreemem(text); }
};

// The password `conninfo` sets ("" when none); nullopt when libpq cannot parse it. libpq, not a
// scanner of ours, because it knows every form it accepts: spaces around '=', quoted values,
// escapes, URIs with the password in the user info or the query. Parsing reads no file and
// connects nowhere.
std::optional<std::string> parsed_password(const std::string& conninfo) {
  char* error = nullptr;
  const std::unique_ptr<PQconninfoOption, ConninfoFree> options(PQconninfoParse(conninfo.c_str(), &error));
  const std::unique_ptr<char, PqFree> error_message(error);  // why it failed: not needed, only freed
  if (!options) return std::nullopt;
  for (const PQconninfoOption* option = options.get(); option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "password" && option->val != nullptr) return std::string(option->val);
  }
  return std::string();
}

// The password of the connection string that starts at `start`. Text around a connection string
// does not mark where it ends, so libpq is asked about each plausible end, the longest first, and
// the first it parses is taken: a URI has no spaces, so it ends at the first space or quote; a
// quoted key/value string ('PG:…': layoutd's messages quote the store) at one of the later quotes
// of its kind; an unquoted one at a later space (then it may take trailing punctuation along).
std::string password_at(std::string_view text, std::size_t start, bool uri) {
  std::size_t limit = std::min({text.size(), text.find('\n', start), start + kLongestConnectionString});
  if (uri) {
    const auto end = std::find_if(text.begin() + static_cast<std::ptrdiff_t>(start),
                                  text.begin() + static_cast<std::ptrdiff_t>(limit),
                                  [](char c) { return is_space(c) || is_quote(c); });
    return parsed_password(std::string(text.begin() + static_cast<std::ptrdiff_t>(start), end)).value_or("");
  }
  const bool quoted = start >= 4 && is_quote(text[start - 4]);  // the character before "PG:"
  const char quote = quoted ? text[start - 4] : '\0';
  std::vector<std::size_t> ends;
  for (std::size_t i = start; i < limit; ++i) {
    if (quoted ? text[i] == quote : is_space(text[i])) ends.push_back(i);
  }
  ends.push_back(limit);
  for (auto end = ends.rbegin(); end != ends.rend(); ++end) {
    const auto password = parsed_password(std::string(text.substr(start, *end - start)));
    if (password && !password->empty()) return *password;
  }
  return {};
}

// The passwords of the connection strings in `text`: after GDAL's "PG:" (any case, as GDAL
// accepts it) and in postgresql:// or postgres:// URIs, wherever they are.
std::vector<std::string> connection_passwords(std::string_view text) {
  const std::string lower = lowercase(text);
  std::vector<std::string> out;
  const auto add = [&](std::size_t start, bool uri) {
    if (auto password = password_at(text, start, uri); !password.empty()) out.push_back(std::move(password));
  };
  for (std::size_t at = lower.find("pg:"); at != std::string::npos; at = lower.find("pg:", at + 1)) {
    if (at == 0 || !is_word(lower[at - 1])) add(at + 3, false);
  }
  for (const std::string_view scheme : {"postgresql://", "postgres://"}) {
    for (std::size_t at = lower.find(scheme); at != std::string::npos; at = lower.find(scheme, at + 1)) {
      if (at == 0 || !is_word(lower[at - 1])) add(at, true);
    }
  }
  return out;
}

// Every occurrence of `secret` in `text` replaced by ***.
void mask_all(std::string& text, std::string_view secret) {
  if (secret.empty()) return;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMask.size())) {
    text.replace(at, secret.size(), kMask);
  }
}

// The fallback for what libpq does not parse (an option only GDAL knows, such as schemas=, makes
// it refuse the whole string; so do an uppercase key and a string cut short): the value after every
// whole key "password" followed by '=', spaces around it allowed; bare, or quoted with ' as libpq
// allows. In a URI's query ("?password=…&sslmode=…") the value ends at '&'.
std::string mask_password_keys(std::string_view text) {
  constexpr std::string_view kKey = "password";
  const std::string lower = lowercase(text);
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t key = lower.find(kKey); key != std::string::npos; key = lower.find(kKey, key + 1)) {
    // Only a whole key: "password" but not "db_password" or "passwords".
    if (key < copied || (key > 0 && is_word(lower[key - 1]))) continue;
    std::size_t value = key + kKey.size();
    while (value < text.size() && is_space(text[value])) ++value;
    if (value >= text.size() || text[value] != '=') continue;
    ++value;
    while (value < text.size() && is_space(text[value])) ++value;
    const bool in_query = key > 0 && (text[key - 1] == '?' || text[key - 1] == '&');
    std::size_t end = value;
    if (end < text.size() && text[end] == '\'') {
      ++end;  // a quoted value (libpq): up to the closing quote, backslash escapes skipped
      while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
    } else {
      // A bare value: up to a space, or a quote closing whatever quoted the whole string.
      while (end < text.size() && !is_space(text[end]) && !is_quote(text[end]) && !(in_query && text[end] == '&')) {
        end += text[end] == '\\' ? 2 : 1;
      }
      end = std::min(end, text.size());
    }
    out.append(text.substr(copied, value - copied));
    out += kMask;
    copied = end;
  }
  out.append(text.substr(std::min(copied, text.size())));
  return out;
}

// The password in a URI's user info ("scheme://user:password@host") as written: percent-encoded,
// it is not the text libpq decodes it to, and a URI libpq refuses still has it.
void mask_uri_userinfo(std::string& text) {
  for (std::size_t scheme = text.find("://"); scheme != std::string::npos; scheme = text.find("://", scheme + 1)) {
    const std::size_t begin = scheme + 3;
    std::size_t end = begin;
    while (end < text.size() && !is_space(text[end]) && !is_quote(text[end]) &&
           std::string_view("/?#").find(text[end]) == std::string_view::npos) {
      ++end;
    }
    const std::string_view authority = std::string_view(text).substr(begin, end - begin);
    const std::size_t at = authority.rfind('@');
    if (at == std::string_view::npos) continue;
    const std::size_t colon = authority.substr(0, at).find(':');
    if (colon == std::string_view::npos || colon + 1 == at) continue;
    text.replace(begin + colon + 1, at - colon - 1, kMask);
  }
}

}  // namespace

std::string redact_secrets(std::string_view text) {
  std::vector<std::string> secrets;
  for (auto& password : connection_passwords(text)) {
    // Unquoted, the value libpq returned may have taken a trailing ':' or ',' of the text along:
    // the password without it is masked too, where the text repeats it.
    std::string trimmed = password;
    while (!trimmed.empty() && std::string_view(":,;.)").find(trimmed.back()) != std::string_view::npos) {
      trimmed.pop_back();
    }
    secrets.push_back(std::move(password));
    secrets.push_back(std::move(trimmed));
  }
  // The longest first: a password that contains another is masked whole.
  std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out(text);
  for (const auto& secret : secrets) mask_all(out, secret);
  out = mask_password_keys(out);
  mask_uri_userinfo(out);
  return out;
}

}  // namespace server
