#include "api/IdentityJson.h"

#include "api/ApiSchema.h"
#include "iam/AuthorizationDecision.h"

#include <QJsonArray>

namespace berth {

QJsonValue IdentityJson::time(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject IdentityJson::compartment(const CompartmentRecord& c)
{
    return {{QStringLiteral("id"), c.id},
            {QStringLiteral("name"), c.name()},
            {QStringLiteral("path"), c.path.toString()},
            {QStringLiteral("parentId"), c.parentId},
            {QStringLiteral("description"), c.description},
            {QStringLiteral("createdAt"), time(c.createdAt)}};
}

QJsonObject IdentityJson::user(const UserRecord& u)
{
    return {{QStringLiteral("id"), u.id},
            {QStringLiteral("name"), u.name},
            {QStringLiteral("description"), u.description},
            {QStringLiteral("email"), u.email},
            {QStringLiteral("createdAt"), time(u.createdAt)},
            {QStringLiteral("locked"), u.locked},
            {QStringLiteral("hasPassword"), u.hasPassword},
            {QStringLiteral("groups"), QJsonArray::fromStringList(u.groups)},
            {QStringLiteral("administrator"), u.administrator}};
}

QJsonObject IdentityJson::group(const GroupRecord& g)
{
    return {{QStringLiteral("id"), g.id},
            {QStringLiteral("name"), g.name},
            {QStringLiteral("description"), g.description},
            {QStringLiteral("builtin"), g.builtin},
            {QStringLiteral("createdAt"), time(g.createdAt)},
            {QStringLiteral("members"), QJsonArray::fromStringList(g.members)}};
}

QJsonObject IdentityJson::authToken(const AuthTokenRecord& t)
{
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("user"), t.userName},
            {QStringLiteral("description"), t.description},
            {QStringLiteral("createdAt"), time(t.createdAt)},
            {QStringLiteral("lastUsedAt"), time(t.lastUsedAt)},
            {QStringLiteral("revoked"), t.revoked},
            {QStringLiteral("revokedAt"), time(t.revokedAt)}};
}

QJsonObject IdentityJson::networkSource(const NetworkSourceRecord& n)
{
    return {{QStringLiteral("id"), n.id},
            {QStringLiteral("name"), n.name},
            {QStringLiteral("description"), n.description},
            {QStringLiteral("ranges"), QJsonArray::fromStringList(n.ranges)},
            {QStringLiteral("createdAt"), time(n.createdAt)}};
}

QJsonObject IdentityJson::policy(const PolicyRecord& p)
{
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("name"), p.name},
            {QStringLiteral("description"), p.description},
            {QStringLiteral("compartment"), p.compartment.toString()},
            {QStringLiteral("compartmentId"), p.compartmentId},
            {QStringLiteral("statements"), p.statements},
            {QStringLiteral("createdAt"), time(p.createdAt)},
            {QStringLiteral("updatedAt"), time(p.updatedAt)}};
}

QJsonObject IdentityJson::decision(const AuthorizationDecision& d)
{
    QJsonValue statement;
    if (d.hasStatement)
        statement = QJsonObject{{QStringLiteral("policy"), d.policyName},
                                {QStringLiteral("policyCompartment"), d.policyCompartment.toString()},
                                {QStringLiteral("line"), d.line},
                                {QStringLiteral("text"), d.statementText},
                                {QStringLiteral("subject"), d.statementSubject},
                                {QStringLiteral("verb"), IamVocabulary::verbName(d.statementVerb)},
                                {QStringLiteral("location"), d.statementLocation.toString()}};
    return {{QStringLiteral("allowed"), d.allowed},
            {QStringLiteral("reason"), AuthorizationDecision::reasonName(d.reason)},
            {QStringLiteral("explanation"), d.explanation()},
            {QStringLiteral("permission"), IamVocabulary::permissionName(d.permission)},
            {QStringLiteral("requiredVerb"), IamVocabulary::verbName(d.requiredVerb)},
            {QStringLiteral("compartment"), d.targetCompartment.toString()},
            {QStringLiteral("user"), d.userName},
            {QStringLiteral("groups"), QJsonArray::fromStringList(d.groups)},
            {QStringLiteral("statement"), statement},
            {QStringLiteral("conditionDetail"), d.conditionDetail}};
}

void IdentityJson::addSchemas(ApiTable& table)
{
    using S = ApiSchema;
    auto all = [](const QJsonObject& properties) { return properties.keys(); };
    auto closed = [&](const QJsonObject& properties) { return S::object(properties, all(properties)); };
    const QJsonObject created = S::nullableDateTime();

    const QJsonObject compartment{
        {QStringLiteral("id"), S::string()},
        {QStringLiteral("name"), S::string(QStringLiteral("\"\" for the tenancy."))},
        {QStringLiteral("path"), S::string(QStringLiteral("\"A:B\"; \"\" is the tenancy."))},
        {QStringLiteral("parentId"), S::string(QStringLiteral("\"\" for the tenancy."))},
        {QStringLiteral("description"), S::string()},
        {QStringLiteral("createdAt"), created}};
    table.schemas.insert(QStringLiteral("Compartment"), closed(compartment));
    QJsonObject node = compartment;
    node.insert(QStringLiteral("children"), S::arrayOf(S::ref(QStringLiteral("CompartmentNode"))));
    table.schemas.insert(QStringLiteral("CompartmentNode"), closed(node));

    table.schemas.insert(QStringLiteral("User"), closed({{QStringLiteral("id"), S::string()},
                                                         {QStringLiteral("name"), S::string()},
                                                         {QStringLiteral("description"), S::string()},
                                                         {QStringLiteral("email"), S::string()},
                                                         {QStringLiteral("createdAt"), created},
                                                         {QStringLiteral("locked"), S::boolean()},
                                                         {QStringLiteral("hasPassword"), S::boolean()},
                                                         {QStringLiteral("groups"), S::arrayOf(S::string())},
                                                         {QStringLiteral("administrator"), S::boolean()}}));
    table.schemas.insert(QStringLiteral("Group"),
                         closed({{QStringLiteral("id"), S::string()},
                                 {QStringLiteral("name"), S::string()},
                                 {QStringLiteral("description"), S::string()},
                                 {QStringLiteral("builtin"), S::boolean()},
                                 {QStringLiteral("createdAt"), created},
                                 {QStringLiteral("members"), S::arrayOf(S::string())}}));
    const QJsonObject token{{QStringLiteral("id"), S::string()},
                            {QStringLiteral("user"), S::string()},
                            {QStringLiteral("description"), S::string()},
                            {QStringLiteral("createdAt"), created},
                            {QStringLiteral("lastUsedAt"), S::nullableDateTime()},
                            {QStringLiteral("revoked"), S::boolean()},
                            {QStringLiteral("revokedAt"), S::nullableDateTime()}};
    table.schemas.insert(QStringLiteral("AuthToken"), closed(token));
    QJsonObject createdToken = token;
    createdToken.insert(
        QStringLiteral("secret"),
        S::string(QStringLiteral("Shown this once; use it as the password of docker login.")));
    table.schemas.insert(QStringLiteral("CreatedAuthToken"), closed(createdToken));
    table.schemas.insert(
        QStringLiteral("NetworkSource"),
        closed({{QStringLiteral("id"), S::string()},
                {QStringLiteral("name"), S::string()},
                {QStringLiteral("description"), S::string()},
                {QStringLiteral("ranges"), S::arrayOf(S::string(QStringLiteral("CIDR, e.g. 10.0.0.0/8")))},
                {QStringLiteral("createdAt"), created}}));
    table.schemas.insert(
        QStringLiteral("Policy"),
        closed({{QStringLiteral("id"), S::string()},
                {QStringLiteral("name"), S::string()},
                {QStringLiteral("description"), S::string()},
                {QStringLiteral("compartment"), S::string()},
                {QStringLiteral("compartmentId"), S::string()},
                {QStringLiteral("statements"), S::string(QStringLiteral("One statement per line."))},
                {QStringLiteral("createdAt"), created},
                {QStringLiteral("updatedAt"), S::nullableDateTime()}}));
    table.schemas.insert(QStringLiteral("PolicyProblem"), closed({{QStringLiteral("line"), S::integer()},
                                                                  {QStringLiteral("column"), S::integer()},
                                                                  {QStringLiteral("message"), S::string()}}));
    QJsonObject statement = closed({{QStringLiteral("policy"), S::string()},
                                    {QStringLiteral("policyCompartment"), S::string()},
                                    {QStringLiteral("line"), S::integer()},
                                    {QStringLiteral("text"), S::string()},
                                    {QStringLiteral("subject"), S::string()},
                                    {QStringLiteral("verb"), S::string()},
                                    {QStringLiteral("location"), S::string()}});
    statement.insert(QStringLiteral("nullable"), true);
    statement.insert(
        QStringLiteral("description"),
        QStringLiteral("The statement that allowed it, or for a denial the closest one; null when none."));
    table.schemas.insert(QStringLiteral("Decision"),
                         closed({{QStringLiteral("allowed"), S::boolean()},
                                 {QStringLiteral("reason"), S::string()},
                                 {QStringLiteral("explanation"), S::string()},
                                 {QStringLiteral("permission"), S::string()},
                                 {QStringLiteral("requiredVerb"), S::string()},
                                 {QStringLiteral("compartment"), S::string()},
                                 {QStringLiteral("user"), S::string()},
                                 {QStringLiteral("groups"), S::arrayOf(S::string())},
                                 {QStringLiteral("statement"), statement},
                                 {QStringLiteral("conditionDetail"), S::string()}}));
}

} // namespace berth
