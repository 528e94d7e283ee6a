#include "server/http/redact.hpp"

#include <algorithm>
#include <cctype>

namespace server {

std::string redact_secrets(std::string_view text) {
  constexpr std::string_view kKey = "password=";
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  for (std::size_t key = lower.find(kKey); key != std::string::npos; key = lower.find(kKey, key + 1)) {
    // Only a whole key: "password=" but not "db_password=" or "nopassword=".
    if (key > 0 && (std::isalnum(static_cast<unsigned char>(lower[key - 1])) || lower[key - 1] == '_')) continue;
    std::size_t end = key + kKey.size();
    if (end < text.size() && text[end] == '\'') {
      ++end;  // a quoted value (libpq): up to the closing quote, backslash escapes skipped
      while (end < text.size() && text[end] != '\'') end += text[end] == '\\' ? 2 : 1;
      end = std::min(end + 1, text.size());
    } else {
      // A bare value: up to a space, or a quote closing whatever quoted the whole string.
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '\'') {
        end += text[end] == '\\' ? 2 : 1;
      }
      end = std::min(end, text.size());
    }
    out.append(text.substr(copied, key + kKey.size() - copied));
    out += "***";
    copied = end;
    key = end - 1;
  }
  out.append(text.substr(std::min(copied, text.size())));
  return out;
}

}  // namespace server
