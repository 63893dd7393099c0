// Complaint list queries.
#include "core/storage/complaint_repository.hpp"

namespace magtreg::core::storage {

Result<std::vector<model::Complaint>> ComplaintRepository::open_complaints() {
  return query("t.status <> 'closed' AND t.deleted = 0 ORDER BY t.received_at, t.id", nullptr);
}

Result<std::vector<model::Complaint>> ComplaintRepository::of_citizen(std::string_view citizen_id) {
  return query("t.citizen_id = ?1 AND t.deleted = 0 ORDER BY t.received_at DESC, t.id",
               [&](Statement& st) { st.bind(1, citizen_id); });
}

}  // namespace magtreg::core::storage
