#pragma once
// The storage interface. SQLite/SpatiaLite implements it (sqlite_store.hpp);
// a PostGIS implementation can satisfy the same contract for stateless replicas.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.hpp"
#include "data/query/filter.hpp"
#include "geo/box.hpp"

namespace bando::data {

// Features are stored with geometry in EPSG:3857 (see sqlite_store.cpp for why).
struct FeatureRecord {
  std::int64_t id = 0;                     // 1-based, stable within a dataset version
  std::span<const std::uint8_t> wkb;       // EPSG:3857 WKB; empty for a null geometry
  std::string_view properties_json;        // a JSON object
};

// Visitors see records whose views are valid only during the call.
using FeatureVisitor = std::function<void(const FeatureRecord&)>;

// Reads the features of one query one at a time. It keeps a read transaction
// open until it is destroyed, so the version it reads stays consistent.
class FeatureCursor {
 public:
  virtual ~FeatureCursor() = default;
  // Visits the next feature; returns false when none is left.
  virtual bool next(const FeatureVisitor& visit) = 0;
};

// A `datetime` condition: keep features whose time interval overlaps
// [start_ms, end_ms]. A missing bound leaves that end open.
struct TimeFilter {
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
};

// One sort key: a property of the `properties` JSON column.
struct SortKey {
  std::string property;
  bool descending = false;
};

struct FeatureQuery {
  std::optional<geo::Box> bbox_mercator;  // keep features whose geometry intersects it
  // With a bbox: compare bounding boxes only, which is cheaper and enough when
  // the caller clips geometries itself (tiles).
  bool bbox_envelope_only = false;
  std::int64_t limit = -1;                 // -1 = no limit
  std::int64_t offset = 0;
  std::int64_t version = 0;                // 0 = the dataset's current version
  // Property and spatial conditions, all of which a feature must meet.
  std::optional<query::Filter> filter;
  // Features without a time interval never match a time filter.
  std::optional<TimeFilter> time;
  // Sort keys applied before the id, which breaks ties so paging is stable.
  std::vector<SortKey> sort;
  // The properties that `filter` and `sort` may name; naming another one
  // throws bando::Error (invalid_argument).
  std::vector<Field> fields;
};

// Writes one dataset version. Nothing is visible to readers until commit();
// destroying the object without commit() discards everything it wrote.
class PublishTransaction {
 public:
  virtual ~PublishTransaction() = default;

  // Appends a feature. `wkb` is EPSG:3857 (empty for a null geometry),
  // `properties_json` a JSON object and `time` the parsed value of the
  // temporal property, if any. Returns the feature's id.
  virtual std::int64_t add_feature(std::span<const std::uint8_t> wkb, const geo::Box& bounds_mercator,
                                   std::string_view properties_json, const std::optional<TimeInterval>& time) = 0;

  std::int64_t add_feature(std::span<const std::uint8_t> wkb, const geo::Box& bounds_mercator,
                           std::string_view properties_json) {
    return add_feature(wkb, bounds_mercator, properties_json, std::nullopt);
  }

  // Makes the version current in one step and returns its catalog record.
  virtual DatasetInfo commit(const std::vector<Field>& fields, const std::string& geometry_type,
                             const std::string& source_crs) = 0;
};

// Writes new versions of several datasets in one transaction, so that either
// all of them become current or none does. Destroying it without commit()
// discards everything written through it.
class PublishBatch {
 public:
  virtual ~PublishBatch() = default;

  // Starts the next dataset. Call commit() on the returned transaction before
  // starting another; its commit() makes the version part of the batch. With
  // `create_only`, throws bando::Error (conflict) when the id is already
  // published; the check runs under the store's write lock, so of two
  // concurrent creations of one id exactly one succeeds.
  virtual std::unique_ptr<PublishTransaction> begin_dataset(const DatasetMetadata& metadata, bool create_only) = 0;

  // Makes every dataset of the batch current in one step. Throws bando::Error
  // (internal) when a dataset was started but not committed.
  virtual void commit() = 0;
};

// One stored version of a dataset.
struct VersionInfo {
  std::int64_t version = 0;
  std::int64_t feature_count = 0;
  std::string created;  // RFC 3339 UTC time of the publish
  bool current = false;
};

class Store {
 public:
  virtual ~Store() = default;

  // Every published dataset, ordered by id.
  virtual std::vector<DatasetInfo> list_datasets() const = 0;
  virtual std::optional<DatasetInfo> find_dataset(std::string_view id) const = 0;

  // Visits the features that match `query`, in its sort order and then id
  // order. Throws bando::Error (not_found) for an unknown dataset or version,
  // and (invalid_argument) for a filter or sort key on an unknown property.
  virtual void scan_features(std::string_view dataset_id, const FeatureQuery& query,
                             const FeatureVisitor& visit) const = 0;

  // Opens a cursor over the features that scan_features would visit. Throws
  // like scan_features, before any feature is read.
  virtual std::unique_ptr<FeatureCursor> open_features(std::string_view dataset_id,
                                                       const FeatureQuery& query) const = 0;

  // Counts the features that match `query`, ignoring its limit and offset.
  virtual std::int64_t count_features(std::string_view dataset_id, const FeatureQuery& query) const = 0;

  // Visits one feature; returns false when no feature has that id.
  virtual bool visit_feature(std::string_view dataset_id, std::int64_t feature_id,
                             const FeatureVisitor& visit) const = 0;

  // Starts writing a new version of `metadata.id` (a new dataset when the id is unused).
  virtual std::unique_ptr<PublishTransaction> begin_publish(const DatasetMetadata& metadata) = 0;

  // Starts writing several datasets that become current together.
  virtual std::unique_ptr<PublishBatch> begin_publish_batch() = 0;

  // The stored versions of a dataset, newest first. Throws bando::Error
  // (not_found) for an unknown dataset.
  virtual std::vector<VersionInfo> list_versions(std::string_view dataset_id) const = 0;

  // Makes a stored `version` current again in one transaction and returns its
  // catalog record. Throws bando::Error (not_found) for an unknown dataset or
  // version, or a version stored without its catalog row.
  virtual DatasetInfo rollback(std::string_view dataset_id, std::int64_t version) = 0;

  // Removes a dataset with every stored version in one transaction. Returns
  // false when no dataset has that id.
  virtual bool delete_dataset(std::string_view dataset_id) = 0;
};

}  // namespace bando::data
