// Parser and matcher of the Runs view's filter: a hand-written cursor over the text, because the
// grammar is a flat list of `field op value` joined by `and` and every error must name its column.
#include "run_filter.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "../error.hpp"
#include "experiments.hpp"

namespace mlcore::ops {

namespace {

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  RunFilter parse() {
    RunFilter filter;
    skip_spaces();
    if (at_end()) return filter;  // an empty search box shows every run
    while (true) {
      filter.conditions.push_back(condition());
      skip_spaces();
      if (at_end()) return filter;
      std::size_t at = pos_;
      std::string joiner = word();
      for (char& c : joiner) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (joiner != "and") fail(at, "expected 'and' between conditions");
      skip_spaces();
      if (at_end()) fail(pos_, "expected a condition after 'and'");
    }
  }

 private:
  FilterCondition condition() {
    FilterCondition c;
    c.position = pos_ + 1;
    std::size_t field_at = pos_;
    std::string field = word();
    if (field == "status") {
      c.field = FilterField::status;
    } else {
      std::size_t dot = field.find('.');
      std::string prefix = field.substr(0, dot == std::string::npos ? field.size() : dot);
      if (prefix == "metrics" || prefix == "metric") c.field = FilterField::metric;
      else if (prefix == "params" || prefix == "param") c.field = FilterField::param;
      else if (prefix == "tags" || prefix == "tag") c.field = FilterField::tag;
      else fail(field_at, "expected metrics.NAME, params.NAME, tags.NAME or status");
      if (dot == std::string::npos || dot + 1 == field.size())
        fail(field_at, "'" + prefix + "' needs a name after the dot, e.g. " + prefix + ".accuracy");
      c.key = field.substr(dot + 1);
    }
    skip_spaces();
    std::size_t op_at = pos_;
    c.op = op();
    skip_spaces();
    std::size_t value_at = pos_;
    c.value = value();
    check(c, op_at, value_at);
    return c;
  }

  FilterOp op() {
    auto next = [&](char ch) { return pos_ < text_.size() && text_[pos_] == ch; };
    if (next('=')) { ++pos_; if (next('=')) ++pos_; return FilterOp::eq; }
    if (next('!')) { ++pos_; if (next('=')) { ++pos_; return FilterOp::ne; } fail(pos_ - 1, "expected '!='"); }
    if (next('<')) { ++pos_; if (next('=')) { ++pos_; return FilterOp::le; } return FilterOp::lt; }
    if (next('>')) { ++pos_; if (next('=')) { ++pos_; return FilterOp::ge; } return FilterOp::gt; }
    fail(pos_, "expected an operator (=, !=, <, <=, >, >=)");
  }

  FilterValue value() {
    FilterValue v;
    if (pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\'')) {
      char quote = text_[pos_];
      std::size_t close = text_.find(quote, pos_ + 1);
      if (close == std::string_view::npos) fail(pos_, "this quoted value is never closed");
      v.text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
      return v;  // quoted: a string even when it looks like a number
    }
    v.text = word();
    if (v.text.empty()) fail(pos_, "expected a value (a number, a \"quoted string\" or a word)");
    char* end = nullptr;
    double d = std::strtod(v.text.c_str(), &end);
    if (end == v.text.c_str() + v.text.size()) {
      v.is_number = true;
      v.number = d;
    }
    return v;
  }

  // Checks that need both sides, so a typo is reported rather than silently matching nothing.
  void check(const FilterCondition& c, std::size_t op_at, std::size_t value_at) {
    bool ordering = c.op != FilterOp::eq && c.op != FilterOp::ne;
    if (c.field == FilterField::metric && !c.value.is_number)
      fail(value_at, "metrics compare with numbers, not '" + c.value.text + "'");
    if ((c.field == FilterField::tag || c.field == FilterField::status) && ordering)
      fail(op_at, "tags and status compare only with = or !=");
    if (c.field == FilterField::param && ordering && !c.value.is_number)
      fail(value_at, "<, <=, > and >= on a param need a number");
    if (c.field == FilterField::status) {
      try {
        parse_run_status(c.value.text);
      } catch (const Error&) {
        fail(value_at, "'" + c.value.text + "' is not a status (running, finished, failed, cancelled)");
      }
    }
  }

  std::string word() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && word_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }

  [[noreturn]] void fail(std::size_t at, const std::string& why) const {
    Location where{1, at + 1, excerpt_of(text_.substr(std::min(at, text_.size())))};
    throw Error("tracking.bad_filter", "The filter is not understood at position " +
                                           std::to_string(at + 1) + ": " + why + ".", where);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

template <class T>
bool compare(const T& a, FilterOp op, const T& b) {
  switch (op) {
    case FilterOp::eq: return a == b;
    case FilterOp::ne: return !(a == b);
    case FilterOp::lt: return a < b;
    case FilterOp::le: return a <= b;
    case FilterOp::gt: return a > b;
    case FilterOp::ge: return a >= b;
  }
  return false;
}

bool holds(const FilterCondition& c, const Run& run) {
  switch (c.field) {
    case FilterField::metric: {
      auto it = run.metrics.find(c.key);
      return it != run.metrics.end() && compare(it->second, c.op, c.value.number);
    }
    case FilterField::param: {
      if (!run.params.is_object() || !run.params.contains(c.key)) return false;
      const nlohmann::json& p = run.params.at(c.key);
      if (p.is_number() && c.value.is_number) return compare(p.get<double>(), c.op, c.value.number);
      if (c.op != FilterOp::eq && c.op != FilterOp::ne) return false;
      // Text comparison lets `params.criterion = gini` and `params.max_depth = "3"` both work.
      std::string text = p.is_string() ? p.get<std::string>() : p.dump();
      return compare(text, c.op, c.value.text);
    }
    case FilterField::tag: {
      auto it = run.tags.find(c.key);
      return it != run.tags.end() && compare(it->second, c.op, c.value.text);
    }
    case FilterField::status:
      return compare(std::string(status_name(run.status)), c.op, c.value.text);
  }
  return false;
}

}  // namespace

RunFilter parse_run_filter(std::string_view text) { return Parser(text).parse(); }

bool matches(const RunFilter& filter, const Run& run) {
  for (const FilterCondition& c : filter.conditions)
    if (!holds(c, run)) return false;
  return true;
}

}  // namespace mlcore::ops
