// Polling the store revision on a short-lived connection (store_revision.hpp); reading the row
// itself is tested with the loader (load_test.cpp).
#include "layers/store/store_error.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/store/store_revision.hpp"
#include "support/fixture_store.hpp"
#include "support/store_edit.hpp"

#include <gtest/gtest.h>

namespace {

using test_support::TempDir;

TEST(StoreRevision, APollSeesEachCommittedRevision) {
  const TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);  // written at revision 1
  EXPECT_EQ(layers::read_store_revision(store.string()), 1);
  test_support::set_store_revision(store, "42");
  EXPECT_EQ(layers::read_store_revision(store.string()), 42);
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
}

TEST(StoreRevision, AnUnreadableStoreIsAStoreErrorNamingIt) {
  const TempDir dir;
  try {
    static_cast<void>(layers::read_store_revision((dir / "absent.gpkg").string()));
    FAIL() << "expected a StoreError";
  } catch (const layers::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("absent.gpkg: No such file or directory"), std::string::npos) << e.what();
  }
}

}  // namespace
