using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Access;

namespace Ticketing.UnitTests.Access;

/// <summary>The audit line names the path a command was sent to, but not a token that stands in for sign-in.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public async Task An_open_endpoints_token_stays_out_of_the_audit_line_while_a_signed_in_commands_path_is_kept()
    {
        var lines = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(new Capture(lines));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseRouting();
        app.UseAccess();
        app.MapPost("/public/{token}", (string token) => Results.Ok()).AllowAnonymous();
        app.MapPost("/cases/{id}/notes", (string id) => Results.Ok());
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        await client.PostAsync("/public/c2VjcmV0LXRva2Vu.c2lnbmF0dXJl", null);
        await client.PostAsync("/cases/4711/notes", null);
        await Task.Delay(200); // lines are written once each answer completes

        var audit = lines.Where(l => l.StartsWith("audit ", StringComparison.Ordinal)).ToList();
        Assert.Contains(audit, l => l.Contains("POST /public/{token}"));
        Assert.DoesNotContain(audit, l => l.Contains("c2VjcmV0LXRva2Vu"));
        Assert.Contains(audit, l => l.Contains("POST /cases/4711/notes"));
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Line(categoryName == AuditTrail.Category ? lines : null);

        public void Dispose() { }

        private sealed class Line(ConcurrentQueue<string>? lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => lines is not null;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines?.Enqueue(formatter(state, exception));
        }
    }
}
