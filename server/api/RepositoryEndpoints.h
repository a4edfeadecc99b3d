#pragma once

#include "api/ApiTable.h"

#include <QJsonObject>

namespace berth {

struct ImageSummary;
struct RepositorySummary;

/// /api/v1/repositories: list, create, inspect, move, make public, delete; images and tags in them.
class RepositoryEndpoints
{
public:
    static void add(ApiTable& table);

    static QJsonObject toJson(const RepositorySummary& repository);
    static QJsonObject toJson(const ImageSummary& image);
};

} // namespace berth
