using FluentValidation.TestHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Intake.Data;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

public sealed class TicketTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");

    private static RegisterTicket Call(string title = "路灯不亮", string phone = "13800138000") =>
        new(Channel.Phone, Category.Complaint, Urgency.Normal, title, "东华路路灯坏了三天", "张三", phone, "DC", null);

    [Fact]
    public void A_ticket_is_decided_once()
    {
        var ticket = Ticket.Register(Call(), "GD20261123-000001", "agent-1", Now);
        ticket.Accept("agent-1", Now);
        var again = Assert.Throws<DomainRuleException>(() => ticket.Reject("duplicate", "agent-2", Now));
        Assert.Equal(409, again.StatusCode);
        Assert.Equal(TicketState.Accepted, ticket.Status);
    }

    [Fact]
    public void A_late_lifecycle_report_does_not_overwrite_a_newer_one()
    {
        var ticket = Ticket.Register(Call(), "GD20261123-000001", "agent-1", Now);
        Assert.True(ticket.ApplyLifecycleState(TicketState.InProgress, 3));
        Assert.False(ticket.ApplyLifecycleState(TicketState.Assigned, 2));
        Assert.Equal(TicketState.InProgress, ticket.Status);
    }

    [Theory]
    [InlineData("", "13800138000", "Title")]
    [InlineData("路灯不亮", "call me", "CallerPhone")]
    [InlineData("路灯不亮", "123", "CallerPhone")]
    public void Registration_is_validated(string title, string phone, string invalidField)
    {
        var result = new RegisterTicketValidator(SampleCatalogue.Instance).TestValidate(Call(title, phone));
        result.ShouldHaveValidationErrorFor(invalidField);
    }

    [Fact]
    public void Chinese_text_and_international_numbers_are_valid()
    {
        var result = new RegisterTicketValidator(SampleCatalogue.Instance).TestValidate(Call("小区电梯故障，老人被困", "+86 138-0013-8000"));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task Numbers_count_per_day_in_the_hotlines_time_zone()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        var options = Options.Create(new IntakeOptions());

        async Task<string> Next()
        {
            await using var db = database.NewContext();
            var number = await new TicketNumbers(db, options).NextAsync(database.Clock.GetUtcNow(), CancellationToken.None);
            await db.SaveChangesAsync();
            return number;
        }

        database.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-23T15:59:00Z")); // 23:59 in Shanghai
        Assert.Equal("GD20261123-000001", await Next());
        Assert.Equal("GD20261123-000002", await Next());
        database.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-23T16:00:00Z")); // midnight in Shanghai
        Assert.Equal("GD20261124-000001", await Next());
    }

    [Fact]
    public async Task Two_writers_cannot_take_the_same_number()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        var options = Options.Create(new IntakeOptions());
        await using (var first = database.NewContext())
        {
            await new TicketNumbers(first, options).NextAsync(Now, default);
            await first.SaveChangesAsync();
        }
        await using var agentA = database.NewContext();
        await using var agentB = database.NewContext();
        Assert.Equal(await new TicketNumbers(agentA, options).NextAsync(Now, default), await new TicketNumbers(agentB, options).NextAsync(Now, default));
        await agentA.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => agentB.SaveChangesAsync()); // the endpoint retries with the next number
    }

    [Fact]
    public async Task The_event_is_saved_with_the_ticket_or_not_at_all()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>();
        await using (var db = database.NewContext())
        {
            var ticket = Ticket.Register(Call(), "GD20261123-000001", "agent-1", Now);
            db.Tickets.Add(ticket);
            db.Publish(new Contracts.Events.TicketReceived(ticket.Id, ticket.Number, ticket.Channel, ticket.Category, ticket.Urgency,
                ticket.RegionCode, ticket.Title, ticket.ReceivedBy));
            await db.SaveChangesAsync();
        }
        await using (var db = database.NewContext())
        {
            // Same number again: the unique index refuses the ticket, so its event must not be stored either.
            var duplicate = Ticket.Register(Call(), "GD20261123-000001", "agent-1", Now);
            db.Tickets.Add(duplicate);
            db.Publish(new Contracts.Events.TicketReceived(duplicate.Id, duplicate.Number, duplicate.Channel, duplicate.Category,
                duplicate.Urgency, duplicate.RegionCode, duplicate.Title, duplicate.ReceivedBy));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        var published = database.PublishedEvents();
        Assert.Equal("ticket.received", Assert.Single(published).Topic);
        Assert.Contains("路灯不亮", published[0].Payload); // Chinese stays readable in the stored event
    }
}
