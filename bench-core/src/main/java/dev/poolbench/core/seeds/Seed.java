package dev.poolbench.core.seeds;

/**
 * The five tuning write-ups whose claims poolbench judges: services on SQLAlchemy's pools, each with
 * its own numbers. Every place that cites a seed cites it through this enum.
 */
public enum Seed {
    S000("000", "000_469104e625027c17.txt",
            "a SQLAlchemy plan against high CPU: a pool cut from 10+20 to 2+1, NullPool or StaticPool"),
    S001("001", "001_3526cb4212328631.txt", "a FastAPI TODO API at 2.28 ops/sec and its three-phase plan"),
    S002("002", "002_502b4fe0fddf9bb3.txt",
            "a FastAPI service's pool (20+30, pre-ping, recycle) and server settings such as JIT off"),
    S003("003", "003_1652bf9048bec2c7.txt",
            "a pool grown from 2+1 to 5+10 for many concurrent operations, through Supabase's pooler"),
    S004("004", "004_02e627a8f49d242e.txt",
            "a Railway PostgreSQL service's recovery plan: pool settings, a read cache, retries and KPIs");

    private final String number;
    private final String fileName;
    private final String about;

    Seed(String number, String fileName, String about) {
        this.number = number;
        this.fileName = fileName;
        this.about = about;
    }

    /** {@code 001}. */
    public String number() {
        return number;
    }

    /** The write-up's file name, e.g. {@code 001_3526cb4212328631.txt}. */
    public String fileName() {
        return fileName;
    }

    /** What the write-up is about, in a few words. */
    public String about() {
        return about;
    }

    /** {@code seed 001 (001_3526cb4212328631.txt)}: how descriptions cite it. */
    public String cite() {
        return "seed " + number + " (" + fileName + ")";
    }
}
