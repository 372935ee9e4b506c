using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ticketing.Supervision.Data;

/// <summary>
/// Inserts many rows of one entity type within the context's current transaction, each value written by the property's own
/// type mapping (so value converters apply as in SaveChanges: UTC ticks on SQLite, enums by name). The SLA tick writes
/// thousands of events and notices at once: on SQLite through one prepared single-row INSERT bound afresh per row, elsewhere
/// (SQL Server: a round trip per statement) as multi-row INSERTs. Store-generated columns (the outbox's sequence) are left to
/// the database.
/// </summary>
public static class BulkInsert
{
    /// <summary>SQL Server takes at most 2 100 parameters and 1 000 rows per statement; SQLite more.</summary>
    private const int MaxParameters = 2000, MaxRows = 1000;

    public static async Task InsertAllAsync<T>(this DbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || p.IsPrimaryKey() && p.ClrType == typeof(Guid))
            .Select(p => (Property: p, Column: p.GetColumnName(table)!, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping()))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column)))}) VALUES ";
        var perStatement = Math.Min(MaxRows, MaxParameters / columns.Count);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                          ?? throw new InvalidOperationException("Bulk inserts run inside the tick's transaction.");
        if (db.Database.IsSqlite())
        {
            // In process, SQLite's fastest path is one prepared single-row statement bound afresh per row: a statement with
            // thousands of parameters costs more to compile and bind than the rows take to write.
            await using var single = connection.CreateCommand();
            single.Transaction = transaction;
            single.CommandText = head + "(" + string.Join(", ", columns.Select((_, i) => "@p" + i)) + ")";
            single.Prepare();
            foreach (var row in rows)
            {
                single.Parameters.Clear();
                for (var i = 0; i < columns.Count; i++)
                {
                    var (property, _, mapping) = columns[i];
                    single.Parameters.Add(mapping.CreateParameter(single, "@p" + i, property.GetGetter().GetClrValue(row), property.IsNullable));
                }
                await single.ExecuteNonQueryAsync(cancellationToken);
            }
            return;
        }
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var n = 0;
            for (var row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (var i = 0; i < columns.Count; i++)
                {
                    var (property, _, mapping) = columns[i];
                    var name = "@p" + n++;
                    command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(chunk[row]), property.IsNullable));
                    text.Append(i == 0 ? name : ", " + name);
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
