#if canImport(Glibc)
import Glibc
#endif

/// CPU time and peak memory from getrusage: this process, and its reaped children (ffmpeg).
struct ResourceUsage {
    var selfCPU: Double
    var childrenCPU: Double
    /// Peak RSS of this process, MiB.
    var selfPeakRSS: Double
    /// Peak RSS of the largest reaped child, MiB.
    var childPeakRSS: Double

    static func now() -> ResourceUsage {
        var me = rusage(), kids = rusage()
        getrusage(RUSAGE_SELF.rawValue, &me)
        getrusage(RUSAGE_CHILDREN.rawValue, &kids)
        func cpu(_ r: rusage) -> Double {
            Double(r.ru_utime.tv_sec) + Double(r.ru_utime.tv_usec) / 1e6 + Double(r.ru_stime.tv_sec) + Double(r.ru_stime.tv_usec) / 1e6
        }
        return ResourceUsage(selfCPU: cpu(me), childrenCPU: cpu(kids),
                             selfPeakRSS: Double(me.ru_maxrss) / 1024, childPeakRSS: Double(kids.ru_maxrss) / 1024)
    }
}
