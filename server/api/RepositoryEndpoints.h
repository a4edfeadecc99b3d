#pragma once

#include "api/ApiTable.h"

#include <QJsonObject>
#include <QJsonValue>

namespace berth {

struct ImageSummary;
struct RepositorySummary;

/// /api/v1/repositories: list, create, inspect, move, make public, describe, delete; images and tags in
/// them. A repository shows its description and the licence that gates it (issue 7).
class RepositoryEndpoints
{
public:
    static void add(ApiTable& table);

    /// `licence`: what LicenceJson::forRepository says (null: no licence gates it).
    static QJsonObject toJson(const RepositorySummary& repository, const QJsonValue& licence = QJsonValue());
    static QJsonObject toJson(const ImageSummary& image);
};

} // namespace berth
