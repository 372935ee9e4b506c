using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Survey.Responses;

namespace Ticketing.Survey.Data;

public abstract class SurveyDbContext(DbContextOptions options, ServiceDbContextDependencies dependencies)
    : ServiceDbContext(options, dependencies)
{
    public DbSet<SurveyResponse> Responses => Set<SurveyResponse>();

    protected override void ConfigureDomain(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SurveyResponse>(response =>
        {
            response.ToTable("SurveyResponses");
            response.HasKey(r => r.Id);
            response.HasIndex(r => r.TicketId);
            response.HasIndex(r => r.RecordedAt);
            response.Property(r => r.Source).HasMaxLength(20);
            response.Property(r => r.Comment).HasMaxLength(2000);
        });
    }
}

public sealed class SurveySqliteDbContext(DbContextOptions<SurveySqliteDbContext> options, ServiceDbContextDependencies dependencies)
    : SurveyDbContext(options, dependencies);

public sealed class SurveySqlServerDbContext(DbContextOptions<SurveySqlServerDbContext> options, ServiceDbContextDependencies dependencies)
    : SurveyDbContext(options, dependencies);
