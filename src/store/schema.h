// The SQLite schema as an ordered list of migrations. Migration i brings a
// store from schema version i to i+1; PRAGMA user_version records where a
// store is. Never edit a released migration: append a new one.
#ifndef STORYLINE_SRC_STORE_SCHEMA_H_
#define STORYLINE_SRC_STORE_SCHEMA_H_

#include <span>
#include <string_view>

namespace storyline::store {

std::span<const std::string_view> Migrations();

}  // namespace storyline::store

#endif  // STORYLINE_SRC_STORE_SCHEMA_H_
