using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Intake.Tickets;

/// <summary>工单 as registered from a call: who called, about what, and intake's decision on it.</summary>
public sealed class Ticket : IVersioned
{
    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Channel Channel { get; private set; }
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string Title { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string CallerName { get; private set; } = "";
    public string CallerPhone { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string? Address { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string ReceivedBy { get; private set; } = "";

    /// <summary>Intake's own decision, then the lifecycle state as the workflow service reports it.</summary>
    public TicketState Status { get; private set; }

    /// <summary>Sequence of the last workflow change applied, so a late, older change is ignored.</summary>
    public int StatusSequence { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }
    public int Version { get; set; }

    private Ticket() { }

    public static Ticket Register(RegisterTicket request, string number, string agent, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        Channel = request.Channel,
        Category = request.Category,
        Urgency = request.Urgency,
        Title = request.Title.Trim(),
        Content = request.Content.Trim(),
        CallerName = request.CallerName.Trim(),
        CallerPhone = request.CallerPhone.Trim(),
        RegionCode = request.RegionCode.Trim(),
        Address = request.Address?.Trim(),
        ReceivedAt = now,
        ReceivedBy = agent,
        Status = TicketState.Received,
    };

    public void Accept(string agent, DateTimeOffset now)
    {
        EnsureUndecided("accepted");
        Status = TicketState.Accepted;
        DecidedBy = agent;
        DecidedAt = now;
    }

    public void Reject(string reason, string agent, DateTimeOffset now)
    {
        EnsureUndecided("rejected");
        Status = TicketState.Rejected;
        RejectionReason = reason.Trim();
        DecidedBy = agent;
        DecidedAt = now;
    }

    /// <summary>Mirrors the lifecycle state reported by the workflow service; older reports are ignored.</summary>
    public bool ApplyLifecycleState(TicketState state, int sequence)
    {
        if (sequence <= StatusSequence) return false;
        Status = state;
        StatusSequence = sequence;
        return true;
    }

    private void EnsureUndecided(string verb)
    {
        if (DecidedAt is not null || Status != TicketState.Received)
            throw new DomainRuleException("Ticket already decided",
                $"Ticket {Number} is {Status}; only a received ticket can be {verb}.");
    }
}
