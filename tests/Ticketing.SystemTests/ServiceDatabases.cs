using Microsoft.Data.Sqlite;

namespace Ticketing.SystemTests;

/// <summary>Reads a service's SQLite file directly (read-only), to count what each service really stored.</summary>
public static class ServiceDatabases
{
    public static async Task<List<T>> QueryAsync<T>(SystemFixture system, string appId, string sql, Func<SqliteDataReader, T> read)
    {
        var path = Path.Combine(system.System.Layout.DataDir, appId + ".db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>How many rows of <paramref name="table"/> each ticket has.</summary>
    public static async Task<Dictionary<Guid, int>> RowsPerTicketAsync(SystemFixture system, string appId, string table, string where = "1=1") =>
        (await QueryAsync(system, appId, $"SELECT TicketId, COUNT(*) FROM {table} WHERE {where} GROUP BY TicketId",
            r => (Ticket: Guid.Parse(r.GetString(0)), Count: r.GetInt32(1))))
        .ToDictionary(r => r.Ticket, r => r.Count);

    /// <summary>Stored instants are UTC ticks (see ServiceDbContext).</summary>
    public static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);
}
