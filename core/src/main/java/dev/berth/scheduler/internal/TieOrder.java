package dev.berth.scheduler.internal;

/**
 * The order that breaks the ties strategies leave: a pseudo-random permutation of the instances, fixed per task
 * group. Fixed, so that equal states give equal choices whatever happened before; per group, so that services
 * placed on an empty fleet do not all pick the same instances.
 */
final class TieOrder {

    private TieOrder() {
    }

    /** @return the salt that makes the order of {@code group} */
    static long saltOf(String group) {
        return Slot.rankOf(group);
    }

    /**
     * @param slot an instance
     * @param salt the group's salt
     * @return the instance's position; unique among instances, since ranks are and the mix is a bijection
     */
    static long of(Slot slot, long salt) {
        long h = slot.rank() ^ salt;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
