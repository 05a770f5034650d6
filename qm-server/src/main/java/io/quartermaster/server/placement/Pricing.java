package io.quartermaster.server.placement;

import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.TemplateView;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Prices from a template's cost profile: per day for one machine, and for a number of machines and days. */
public final class Pricing {

    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    private Pricing() {}

    public static BigDecimal perMachinePerDay(TemplateView template) {
        CostProfile cost = template.cost();
        BigDecimal memoryGiB = BigDecimal.valueOf(template.memoryMiB()).divide(MIB_PER_GIB, MathContext.DECIMAL64);
        return rate(cost.perCpuDay()).multiply(BigDecimal.valueOf(template.cpu()))
                .add(rate(cost.perGiBMemoryDay()).multiply(memoryGiB))
                .add(rate(cost.perGiBDiskDay()).multiply(BigDecimal.valueOf(template.diskGiB())))
                .add(rate(cost.perMachineDay()))
                .setScale(4, RoundingMode.HALF_UP);
    }

    public static BigDecimal total(BigDecimal perMachinePerDay, int count, int days) {
        return perMachinePerDay.multiply(BigDecimal.valueOf((long) count * days)).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal rate(BigDecimal rate) {
        return rate == null ? BigDecimal.ZERO : rate;
    }
}
