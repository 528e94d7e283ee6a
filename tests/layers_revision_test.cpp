// The store revision (layoutd_meta) and the reader's guarantees reload depends on.
#include "layers/store_error.hpp"
#include "layers/store_reader.hpp"
#include "layers/store_revision.hpp"
#include "layers/validate.hpp"
#include "support/fixture_store.hpp"
#include "support/store_edit.hpp"

#include <gtest/gtest.h>

namespace {

using test_support::TempDir;

TEST(StoreRevision, AStoreWithoutTheMetaTableIsAtRevisionZero) {
  const TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  EXPECT_EQ(layers::read_store_revision(store.string()), 0);
  EXPECT_EQ(layers::read_store(store.string()).revision, 0);
}

TEST(StoreRevision, IsReadFromTheMetaTableWhichIsNotALayer) {
  const TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  test_support::set_store_revision(store, "41");
  test_support::set_store_revision(store, "42");
  EXPECT_EQ(layers::read_store_revision(store.string()), 42);
  const auto contents = layers::read_store(store.string());
  EXPECT_EQ(contents.revision, 42);
  ASSERT_EQ(contents.layers.size(), 2U);  // the attribute table is not served as a layer
  EXPECT_TRUE(layers::validate(contents.layers).ok());
  EXPECT_EQ(layers::load_snapshot(store.string(), 3)->store_revision(), 42);
}

TEST(StoreRevision, AValueThatIsNotAnIntegerIsAStoreError) {
  const TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  test_support::set_store_revision(store, "7 or so");
  try {
    static_cast<void>(layers::read_store_revision(store.string()));
    FAIL() << "expected a StoreError";
  } catch (const layers::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("layoutd_meta: revision '7 or so'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(static_cast<void>(layers::read_store(store.string())), layers::StoreError);
}

TEST(StoreRevision, AnUnreadableStoreIsAStoreErrorNamingIt) {
  const TempDir dir;
  try {
    static_cast<void>(layers::read_store_revision((dir / "absent.gpkg").string()));
    FAIL() << "expected a StoreError";
  } catch (const layers::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.gpkg"), std::string::npos) << e.what();
  }
}

}  // namespace
