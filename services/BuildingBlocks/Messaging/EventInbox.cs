using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>One event as it arrived: its topic, CloudEvent type (when known) and data.</summary>
public sealed record IncomingEvent(string Topic, string? CloudEventType, string Data);

/// <summary>The body daprd reads from a subscriber (<see cref="Message"/> is ours: why, for the publisher's dead letters).</summary>
public sealed record SubscriberAnswer(string Status, string? Message = null)
{
    public const string Success = "SUCCESS", Retry = "RETRY", Drop = "DROP";
}

/// <summary>The answer to a bulk delivery: one status per entry.</summary>
public sealed record BulkSubscriberAnswer(IReadOnlyList<BulkEntryAnswer> Statuses);

public sealed record BulkEntryAnswer(string EntryId, string Status, string? Message);

/// <summary>
/// Receives events for this service's handlers. Each event is handled inside its own savepoint and saved with
/// a processed record (so a redelivery does nothing twice); a batch commits once. An event that follows a step
/// of its ticket that has not arrived yet is parked per ticket and handled as soon as that ticket moves on.
/// </summary>
public sealed class EventInbox(
    ServiceDbContext db,
    WriteGate gate,
    EventSubscriptions subscriptions,
    IServiceProvider services,
    ILogger<EventInbox> logger)
{
    private const string Savepoint = "inbox_event";

    /// <summary>Whether anything may be waiting in the inbox, so a busy delivery does not look for it after every event.</summary>
    private bool _mayHaveWaiting;

    /// <summary>Reads a single CloudEvent (already unwrapped by Dapr's middleware) or a bulk delivery, and answers it.</summary>
    public async Task<IResult> ReceiveAsync(HttpContext http, string topic, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException malformed)
        {
            logger.LogError("Dropped a {Topic} delivery whose body is not JSON: {Error}", topic, malformed.Message);
            return Results.Ok(new SubscriberAnswer(SubscriberAnswer.Drop, "The body is not JSON."));
        }

        if (BulkDelivery.TryRead(body, topic, out var entries))
        {
            var answers = await ProcessAsync(entries.Select(e => e.Event).ToList(), cancellationToken);
            return Results.Ok(new BulkSubscriberAnswer(entries.Zip(answers, (entry, answer) =>
                new BulkEntryAnswer(entry.EntryId, answer.Status, answer.Message)).ToList()));
        }
        var type = http.Request.Headers["Cloudevent.type"].ToString();
        var single = await ProcessAsync([new IncomingEvent(topic, type, body.GetRawText())], cancellationToken);
        return Results.Ok(single[0]);
    }

    /// <summary>Handles the events in order under the write gate, in one transaction; after the first RETRY the rest wait too.</summary>
    public Task<IReadOnlyList<SubscriberAnswer>> ProcessAsync(IReadOnlyList<IncomingEvent> incoming, CancellationToken cancellationToken)
    {
        // Each event is read once, before the write gate is taken.
        var events = incoming.Select(Read).ToList();
        return gate.RunAsync(() => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            db.Database.AutoSavepointsEnabled = false; // each event has its own savepoint below
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var seen = await SeenAsync(events, cancellationToken);
            _mayHaveWaiting = await db.ParkedEvents.AnyAsync(cancellationToken);
            var answers = new List<SubscriberAnswer>();
            foreach (var incoming in events)
            {
                answers.Add(answers.Any(a => a.Status == SubscriberAnswer.Retry)
                    ? new SubscriberAnswer(SubscriberAnswer.Retry, "An earlier event of this delivery has to be retried first.")
                    : await ProcessOneAsync(transaction, incoming, seen, cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return (IReadOnlyList<SubscriberAnswer>)answers;
        }), cancellationToken);
    }

    /// <summary>An event as arrived, with the handler it is for and the event as that handler reads it (null where it cannot).</summary>
    private sealed record ReadEvent(IncomingEvent Incoming, HandlerRegistration? Registration, IntegrationEvent? Event);

    private ReadEvent Read(IncomingEvent incoming)
    {
        var registration = subscriptions.For(incoming.Topic, incoming.CloudEventType);
        return new ReadEvent(incoming, registration, registration?.Read(incoming.Data));
    }

    private async Task<SubscriberAnswer> ProcessOneAsync(IDbContextTransaction transaction, ReadEvent read,
        IReadOnlySet<(Guid, string)> seen, CancellationToken cancellationToken)
    {
        var (incoming, registration, integrationEvent) = read;
        if (registration is null)
            return Dropped(incoming, $"This service has no handler for '{incoming.CloudEventType}' on {incoming.Topic}.");
        if (integrationEvent is null)
            return Dropped(incoming, $"The data cannot be read as {registration.CloudEventType} (malformed, a required member missing, or no id).");
        if (seen.Contains((integrationEvent.Id, registration.Name))) return new SubscriberAnswer(SubscriberAnswer.Success);

        var ticket = (integrationEvent as ITicketEvent)?.TicketId.ToString();
        var outcome = await TryHandleAsync(transaction, registration, integrationEvent, cancellationToken);
        switch (outcome.Kind)
        {
            case EventOutcomeKind.Handled:
                if (ticket is not null && _mayHaveWaiting) await HandleWaitingAsync(transaction, ticket, cancellationToken);
                return new SubscriberAnswer(SubscriberAnswer.Success);
            case EventOutcomeKind.WaitForEarlierStep when ticket is not null:
                db.ParkedEvents.Add(ParkedEvent.For(integrationEvent.Id, registration.Name, ticket, registration.Topic,
                    registration.CloudEventType, incoming.Data, outcome.Reason ?? "", db.Clock.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                _mayHaveWaiting = true;
                logger.LogInformation("{Handler} keeps {Topic} {EventId} waiting for ticket {Ticket}: {Reason}",
                    registration.Name, registration.Topic, integrationEvent.Id, ticket, outcome.Reason);
                return new SubscriberAnswer(SubscriberAnswer.Success);
            case EventOutcomeKind.Drop:
                return Dropped(incoming, $"{registration.Name}: {outcome.Reason}");
            default:
                logger.LogWarning("{Handler} asked to retry {Topic} {EventId}: {Reason}", registration.Name, registration.Topic,
                    integrationEvent.Id, outcome.Reason);
                return new SubscriberAnswer(SubscriberAnswer.Retry, outcome.Reason);
        }
    }

    /// <summary>Runs the handler inside a savepoint: its changes are saved with the processed record, or undone entirely.</summary>
    private async Task<EventOutcome> TryHandleAsync(IDbContextTransaction transaction, HandlerRegistration registration,
        IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        await transaction.CreateSavepointAsync(Savepoint, cancellationToken);
        try
        {
            var outcome = await registration.HandleAsync(services, integrationEvent, cancellationToken);
            if (outcome.Kind == EventOutcomeKind.Handled)
            {
                db.ProcessedEvents.Add(new ProcessedEvent(integrationEvent.Id, registration.Name, registration.Topic, db.Clock.GetUtcNow()));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
            else
            {
                await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
                await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            }
            db.ChangeTracker.Clear();
            return outcome;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            await transaction.RollbackToSavepointAsync(Savepoint, cancellationToken);
            await transaction.ReleaseSavepointAsync(Savepoint, cancellationToken);
            logger.LogError(exception, "{Handler} failed on {Topic} {EventId}", registration.Name, registration.Topic, integrationEvent.Id);
            return EventOutcome.Retry($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>The ticket moved on: what waited for it is tried again, oldest first, until nothing more fits.</summary>
    private async Task HandleWaitingAsync(IDbContextTransaction transaction, string ticket, CancellationToken cancellationToken)
    {
        for (var moved = true; moved;)
        {
            moved = false;
            var waiting = await db.ParkedEvents.Where(p => p.Key == ticket).OrderBy(p => p.Id).AsNoTracking().ToListAsync(cancellationToken);
            foreach (var parked in waiting)
            {
                var registration = subscriptions.Named(parked.Handler);
                if (registration?.Read(parked.Payload) is not { } integrationEvent) continue;
                var outcome = await TryHandleAsync(transaction, registration, integrationEvent, cancellationToken);
                if (outcome.Kind != EventOutcomeKind.Handled) continue;
                await db.ParkedEvents.Where(p => p.Id == parked.Id).ExecuteDeleteAsync(cancellationToken);
                logger.LogInformation("{Handler} handled {Topic} {EventId} after it waited since {ParkedAt:O}",
                    parked.Handler, parked.Topic, parked.EventId, parked.ParkedAt);
                moved = true;
                break; // the ticket moved again: look at what still waits from the oldest
            }
        }
    }

    /// <summary>
    /// Which of the delivered events this service has already handled or parked, in two queries for the whole
    /// delivery (a redelivery is answered SUCCESS without doing anything twice). A batch holds no event twice
    /// that could slip past: the transport sends each outbox row once per pass.
    /// </summary>
    private async Task<IReadOnlySet<(Guid, string)>> SeenAsync(IReadOnlyList<ReadEvent> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Event?.Id).OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0) return new HashSet<(Guid, string)>();
        var processed = await db.ProcessedEvents.Where(p => ids.Contains(p.EventId)).Select(p => new { p.EventId, p.Handler }).ToListAsync(cancellationToken);
        var parked = await db.ParkedEvents.Where(p => ids.Contains(p.EventId)).Select(p => new { p.EventId, p.Handler }).ToListAsync(cancellationToken);
        return processed.Concat(parked).Select(p => (p.EventId, p.Handler)).ToHashSet();
    }

    private SubscriberAnswer Dropped(IncomingEvent incoming, string reason)
    {
        logger.LogError("Dropped a {Topic} event: {Reason}", incoming.Topic, reason);
        return new SubscriberAnswer(SubscriberAnswer.Drop, reason);
    }
}

/// <summary>daprd's bulk delivery: <c>{"entries":[{"entryId","event":{CloudEvent},"contentType"}]}</c>.</summary>
public static class BulkDelivery
{
    public sealed record Entry(string EntryId, IncomingEvent Event);

    public static bool TryRead(JsonElement body, string topic, out IReadOnlyList<Entry> entries)
    {
        entries = [];
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("entries", out var items) || items.ValueKind != JsonValueKind.Array)
            return false;
        var read = new List<Entry>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("entryId", out var id) || id.ValueKind != JsonValueKind.String)
                continue; // an entry without an id cannot be answered
            var cloudEvent = item.TryGetProperty("event", out var value) ? value : default;
            var isEnvelope = cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty("specversion", out _);
            var type = isEnvelope && cloudEvent.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var data = isEnvelope ? (cloudEvent.TryGetProperty("data", out var d) ? d.GetRawText() : "null")
                : cloudEvent.ValueKind == JsonValueKind.Undefined ? "null" : cloudEvent.GetRawText();
            read.Add(new Entry(id.GetString()!, new IncomingEvent(topic, type, data)));
        }
        entries = read;
        return true;
    }
}
