// Base course lookup and creation on first need.
#include "core/storage/base_course_repository.hpp"

#include "core/storage/transaction.hpp"

namespace magtreg::core::storage {

Result<std::optional<model::BaseCourse>> BaseCourseRepository::of_citizen(std::string_view citizen_id) {
  auto rows = query("t.citizen_id = ?1", [&](Statement& st) { st.bind(1, citizen_id); });
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<model::BaseCourse>{};
  return std::optional<model::BaseCourse>{rows->front()};
}

Result<model::BaseCourse> BaseCourseRepository::ensure_for_citizen(std::string_view citizen_id) {
  Transaction tx(m_db);
  if (!tx.begin_status()) return tx.begin_status().error();
  auto existing = of_citizen(citizen_id);
  if (!existing) return existing.error();
  if (existing->has_value()) return **existing;
  model::BaseCourse course = model::new_base_course(citizen_id);
  auto meta = insert(course);
  if (!meta) return meta.error();
  if (Status c = tx.commit(); !c) return c.error();
  course.sync = *meta;
  return course;
}

}  // namespace magtreg::core::storage
