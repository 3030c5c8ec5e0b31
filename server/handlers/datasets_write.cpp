// POST /datasets, PUT /datasets/{id} and DELETE /datasets/{id}: publishing over HTTP with an API key.

#include <stdlib.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "data/ingest.hpp"
#include "geo/error.hpp"
#include "server/auth.hpp"
#include "server/handlers/dataset_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/temp_folder.hpp"
#include "server/multipart.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void throw_invalid(const std::string& en, const std::string& vi) {
  throw Error(ErrorKind::invalid_argument, {en, vi});
}

// The client's file name reduced to [A-Za-z0-9._-], keeping the extension that
// GDAL uses to pick a driver; "upload" when nothing usable remains.
std::string safe_file_name(const std::string& name) {
  std::string base = fs::path(name).filename().string();
  std::string safe;
  for (char c : base) {
    const bool allowed = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    safe += allowed ? c : '_';
  }
  if (safe.empty() || safe.front() == '.') safe = "upload" + safe;
  return safe;
}

struct UploadForm {
  const FormPart* file = nullptr;
  std::optional<std::string> id, s_srs, layer, encoding;
  // The publisher comes from the API key, never from the form.
  data::MetadataChanges changes;
};

UploadForm read_form(const std::vector<FormPart>& parts) {
  UploadForm form;
  for (const FormPart& part : parts) {
    const std::string value(part.content);
    if (part.name == "file") {
      form.file = &part;
    } else if (part.name == "id") {
      form.id = value;
    } else if (part.name == "title") {
      form.changes.title = value;
    } else if (part.name == "description") {
      form.changes.description = value;
    } else if (part.name == "license") {
      form.changes.license = value;
    } else if (part.name == "keyword") {
      if (!form.changes.keywords) form.changes.keywords.emplace();
      form.changes.keywords->push_back(value);
    } else if (part.name == "s_srs") {
      form.s_srs = value;
    } else if (part.name == "layer") {
      form.layer = value;
    } else if (part.name == "encoding") {
      form.encoding = value;
    } else if (part.name == "temporal") {
      form.changes.temporal_property = value;
    } else {
      throw_invalid(fmt::format("unknown form field '{}'; expected file, id, title, description, license, keyword, "
                                "s_srs, layer, encoding or temporal", part.name),
                    fmt::format("trường biểu mẫu '{}' không hợp lệ; cần file, id, title, description, license, "
                                "keyword, s_srs, layer, encoding hoặc temporal", part.name));
    }
  }
  if (form.file == nullptr || !form.file->filename) {
    throw_invalid("the form has no file part named 'file'", "biểu mẫu thiếu phần tệp tên 'file'");
  }
  return form;
}


// Saves the file part into `folder` and returns the ingest options for it.
data::IngestOptions save_upload(const TempFolder& folder, const UploadForm& form) {
  const fs::path file = folder.path() / safe_file_name(*form.file->filename);
  {
    std::ofstream out(file, std::ios::binary);
    out.write(form.file->content.data(), static_cast<std::streamsize>(form.file->content.size()));
    if (!out) {
      throw Error(ErrorKind::unavailable, {fmt::format("cannot save the upload to '{}'", file.string()),
                                           fmt::format("không lưu được tệp tải lên vào '{}'", file.string())});
    }
  }
  data::IngestOptions options;
  options.path = file.string();
  options.source_crs = form.s_srs;
  options.layer = form.layer;
  options.encoding = form.encoding;
  return options;
}

// The dataset ids that ingest_layers gives the upload: `id` for one layer,
// one id per layer otherwise.
std::vector<std::string> dataset_ids_for(const data::IngestOptions& options, const std::string& id) {
  if (options.layer) return {id};
  const std::vector<std::string> layers = data::list_layers(options);
  if (layers.size() <= 1) return {id};
  std::vector<std::string> ids;
  for (const auto& layer : layers) ids.push_back(data::layer_dataset_id(id, layer));
  return ids;
}

void write_result(JsonWriter& writer, const data::IngestReport& report, const RequestContext& context) {
  writer.StartObject();
  writer.Key("dataset");
  write_dataset(writer, report.dataset, context.base_url, context.language);
  writer.Key("report");
  write_ingest_report(writer, report);
  writer.EndObject();
}

Response report_response(http::status status, const data::IngestReport& report, const RequestContext& context) {
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_result(writer, report, context);
  Response response = json_response(buffer);
  response.result(status);
  response.set(http::field::location, context.base_url + "/datasets/" + report.dataset.metadata.id);
  return response;
}

// The response to a multi-layer upload: {"published": [{"dataset", "report"}, ...]}.
Response reports_response(const std::vector<data::IngestReport>& reports, const RequestContext& context) {
  if (reports.size() == 1) return report_response(http::status::created, reports.front(), context);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("published");
  writer.StartArray();
  for (const auto& report : reports) write_result(writer, report, context);
  writer.EndArray();
  writer.EndObject();
  Response response = json_response(buffer);
  response.result(http::status::created);
  return response;
}

const WriteAccess& require_writes(const AppContext& app) {
  if (app.writes == nullptr) {
    throw Error(ErrorKind::method_not_allowed, {"this server is read-only", "máy chủ này chỉ cho phép đọc"});
  }
  return *app.writes;
}

// Authenticates and rate-limits the request. Returns the key's publisher, or
// sets `rejected` to the 429 response.
std::string admit_write(const WriteAccess& writes, RequestContext& context, std::optional<Response>& rejected) {
  std::string publisher = authenticate_publisher(context.request, writes.store);
  // The bucket is named by the key's public part "Bearer bando_<id>", never by its secret.
  const std::string_view header = context.request[http::field::authorization];
  const std::string key_name(header.substr(0, header.rfind('_')));
  if (auto wait = writes.rate_limiter.acquire(key_name)) rejected = too_many_requests_response(*wait, context.language);
  return publisher;
}

[[noreturn]] void throw_not_owner(const std::string& id, const std::string& owner) {
  throw Error(ErrorKind::forbidden,
              {fmt::format("dataset '{}' belongs to publisher '{}'; this API key may not change it", id, owner),
               fmt::format("bộ dữ liệu '{}' thuộc đơn vị '{}'; khóa API này không được thay đổi nó", id, owner)});
}

void require_new(const WriteAccess& writes, const std::string& id, const std::string& publisher) {
  auto existing = writes.store.find_dataset(id);
  if (!existing) return;
  if (existing->metadata.publisher != publisher) throw_not_owner(id, existing->metadata.publisher);
  throw Error(ErrorKind::conflict,
              {fmt::format("dataset '{}' exists; publish a new version with PUT /datasets/{}", id, id),
               fmt::format("bộ dữ liệu '{}' đã có; công bố phiên bản mới bằng PUT /datasets/{}", id, id)});
}

void erase_all(std::string& text, const std::string& part) {
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at)) text.erase(at, part.size());
}

// Runs `ingest` and removes the upload folder from the detail of any error, so
// the client reads its own file name instead of a path on the server.
template <typename Ingest>
auto without_upload_folder(const TempFolder& folder, Ingest&& ingest) -> decltype(ingest()) {
  try {
    return ingest();
  } catch (const Error& error) {
    const std::string prefix = folder.path().string() + "/";
    LocalizedText detail = error.detail();
    erase_all(detail.en, prefix);
    erase_all(detail.vi, prefix);
    throw Error(error.kind(), std::move(detail));
  }
}

Response create_dataset(const AppContext& app, RequestContext& context) {
  const WriteAccess& writes = require_writes(app);
  std::optional<Response> rejected;
  const std::string publisher = admit_write(writes, context, rejected);
  if (rejected) return *rejected;
  reject_unknown_params(context.target.query, {});
  const auto parts = parse_multipart(context.request[http::field::content_type], context.request.body());
  const UploadForm form = read_form(parts);
  if (!form.id) throw_invalid("the form has no 'id' field", "biểu mẫu thiếu trường 'id'");
  data::validate_dataset_id(*form.id);
  require_new(writes, *form.id, publisher);

  TempFolder folder(writes.upload_dir, "upload");
  data::IngestOptions options = save_upload(folder, form);
  // The store checks again under its write lock, so a concurrent POST of the same id gets 409.
  options.create_only = true;
  const auto ids = without_upload_folder(folder, [&] { return dataset_ids_for(options, *form.id); });
  for (const auto& id : ids) require_new(writes, id, publisher);
  data::DatasetMetadata metadata;
  metadata.id = *form.id;
  metadata.publisher = publisher;
  data::apply_changes(form.changes, metadata);
  const std::vector<data::IngestReport> reports =
      without_upload_folder(folder, [&] { return data::ingest_layers(writes.store, metadata, options); });
  for (const auto& report : reports) {
    spdlog::info("publisher '{}' created dataset '{}'", publisher, report.dataset.metadata.id);
  }
  return reports_response(reports, context);
}

data::DatasetInfo require_owned(const WriteAccess& writes, const std::string& id, const std::string& publisher) {
  auto existing = writes.store.find_dataset(id);
  if (!existing) {
    throw Error(ErrorKind::not_found,
                {fmt::format("unknown dataset '{}'", id), fmt::format("không có bộ dữ liệu '{}'", id)});
  }
  if (existing->metadata.publisher != publisher) throw_not_owner(id, existing->metadata.publisher);
  return *existing;
}

Response replace_dataset(const AppContext& app, RequestContext& context) {
  const WriteAccess& writes = require_writes(app);
  std::optional<Response> rejected;
  const std::string publisher = admit_write(writes, context, rejected);
  if (rejected) return *rejected;
  reject_unknown_params(context.target.query, {});
  const std::string& id = context.param("id");
  data::DatasetMetadata metadata = require_owned(writes, id, publisher).metadata;
  const auto parts = parse_multipart(context.request[http::field::content_type], context.request.body());
  const UploadForm form = read_form(parts);
  if (form.id && *form.id != id) {
    throw_invalid(fmt::format("the form's id '{}' differs from the path's '{}'", *form.id, id),
                  fmt::format("id '{}' trong biểu mẫu khác id '{}' trong đường dẫn", *form.id, id));
  }
  data::apply_changes(form.changes, metadata);
  TempFolder folder(writes.upload_dir, "upload");
  const data::IngestOptions options = save_upload(folder, form);
  const auto layers = options.layer ? std::vector<std::string>{}
                                    : without_upload_folder(folder, [&] { return data::list_layers(options); });
  if (layers.size() > 1) {
    const std::string names = fmt::format("{}", fmt::join(layers, ", "));
    throw_invalid(fmt::format("the file has {} layers ({}); choose one with the form field 'layer'", layers.size(), names),
                  fmt::format("tệp có {} lớp ({}); chọn một lớp bằng trường biểu mẫu 'layer'", layers.size(), names));
  }
  const data::IngestReport report =
      without_upload_folder(folder, [&] { return data::ingest_file(writes.store, metadata, options); });
  spdlog::info("publisher '{}' published version {} of dataset '{}'", publisher, report.dataset.version, id);
  return report_response(http::status::ok, report, context);
}

Response remove_dataset(const AppContext& app, RequestContext& context) {
  const WriteAccess& writes = require_writes(app);
  std::optional<Response> rejected;
  const std::string publisher = admit_write(writes, context, rejected);
  if (rejected) return *rejected;
  reject_unknown_params(context.target.query, {});
  const std::string& id = context.param("id");
  require_owned(writes, id, publisher);
  writes.store.delete_dataset(id);
  spdlog::info("publisher '{}' deleted dataset '{}'", publisher, id);
  Response response{http::status::no_content, 11};
  return response;
}

}  // namespace

void add_dataset_write_routes(Router& router, const AppContext& app) {
  router.add(http::verb::post, "/datasets", [&app](RequestContext& context) { return create_dataset(app, context); });
  router.add(http::verb::put, "/datasets/{id}",
             [&app](RequestContext& context) { return replace_dataset(app, context); });
  router.add(http::verb::delete_, "/datasets/{id}",
             [&app](RequestContext& context) { return remove_dataset(app, context); });
}

}  // namespace bando::server
