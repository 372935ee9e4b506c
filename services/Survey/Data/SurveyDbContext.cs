using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Survey.Links;
using Ticketing.Survey.Responses;

namespace Ticketing.Survey.Data;

public abstract class SurveyDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();
    public DbSet<SurveyLink> Links => Set<SurveyLink>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SurveyResponse>(response =>
        {
            response.ToTable("SurveyResponses");
            response.HasKey(r => r.Id);
            response.HasIndex(r => r.TicketId);
            response.HasIndex(r => r.RecordedAt);
            response.HasIndex(r => new { r.NeedsQualityReview, r.RecordedAt }); // the quality reviewers' list
            response.Property(r => r.Source).HasMaxLength(20);
            response.Property(r => r.Comment).HasMaxLength(SurveyResponse.CommentLength);
            response.Property(r => r.QualityReviewReason).HasMaxLength(SurveyResponse.ReasonLength);
        });
        modelBuilder.Entity<SurveyLink>(link =>
        {
            link.ToTable("SurveyLinks");
            link.HasKey(l => l.Id);
            link.HasIndex(l => l.TicketId);
            link.Property(l => l.CreatedBy).HasMaxLength(100);
        });
    }
}

public sealed class SurveySqliteDbContext(DbContextOptions<SurveySqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : SurveyDbContext(options, dependencies);

public sealed class SurveySqlServerDbContext(DbContextOptions<SurveySqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : SurveyDbContext(options, dependencies);
