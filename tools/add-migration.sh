#!/usr/bin/env bash
# Adds a migration for both providers of one service: tools/add-migration.sh <Service> <MigrationName>
# e.g. tools/add-migration.sh Intake AddCallerAddress. Each provider has its own DbContext and folder.
set -euo pipefail
service=${1:?service folder under services/, e.g. Intake}
name=${2:?migration name}
app=$(echo "$service" | tr '[:upper:]' '[:lower:]')
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build "services/$service" -nologo -v q
dotnet ef migrations add "$name" --no-build --project "services/$service" \
  --context "${service}SqliteDbContext" --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --no-build --project "services/$service" \
  --context "${service}SqlServerDbContext" --output-dir Data/Migrations/SqlServer \
  -- --Ticketing:DatabaseProvider=SqlServer "--ConnectionStrings:$app=Server=localhost;Database=$app;Trusted_Connection=True"
