package io.quizplatform.quiz.domain.game;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The players of a game and the nicknames taken, cheap to copy however many there are. Every command and every read
 * that brings newer events copies the game (a snapshot readers share is never changed), and a class of 10,000
 * joining in groups made each copy carry all the players so far (a third of the profiler's samples of the server
 * during a 500 a second join). Here the players seen so far sit in a part shared by every copy and never changed, and
 * only the changes since then are copied; once those grow past {@value #FOLD_AT}, they are folded into a new shared
 * part.
 */
final class Roster {

    static final int FOLD_AT = 256;

    private final Map<String, Game.Player> settledPlayers; // shared with copies: never changed
    private final Set<String> settledNicknames;            // shared with copies: never changed
    private final LinkedHashMap<String, Game.Player> changedPlayers;
    private final Map<String, Boolean> changedNicknames;   // true: taken since, false: freed since

    Roster() {
        this(Map.of(), Set.of(), new LinkedHashMap<>(), new HashMap<>());
    }

    private Roster(Map<String, Game.Player> settledPlayers, Set<String> settledNicknames,
                   LinkedHashMap<String, Game.Player> changedPlayers, Map<String, Boolean> changedNicknames) {
        this.settledPlayers = settledPlayers;
        this.settledNicknames = settledNicknames;
        this.changedPlayers = changedPlayers;
        this.changedNicknames = changedNicknames;
    }

    /** A roster of its own: what is put into either afterwards stays out of the other. */
    Roster copy() {
        return new Roster(settledPlayers, settledNicknames, new LinkedHashMap<>(changedPlayers), new HashMap<>(changedNicknames));
    }

    Game.Player player(String playerId) {
        Game.Player changed = changedPlayers.get(playerId);
        return changed != null ? changed : settledPlayers.get(playerId);
    }

    /** Adds or replaces a player; a player replaced keeps their place in the join order. */
    void put(Game.Player player) {
        changedPlayers.put(player.id(), player);
    }

    boolean nicknameTaken(String key) {
        Boolean changed = changedNicknames.get(key);
        return changed != null ? changed : settledNicknames.contains(key);
    }

    void takeNickname(String key) {
        changedNicknames.put(key, Boolean.TRUE);
    }

    void freeNickname(String key) {
        changedNicknames.put(key, Boolean.FALSE);
    }

    /** Every player ever joined, kicked ones too, in the order they first joined. */
    List<Game.Player> players() {
        List<Game.Player> all = new ArrayList<>(settledPlayers.size() + changedPlayers.size());
        for (Game.Player settled : settledPlayers.values()) {
            Game.Player changed = changedPlayers.get(settled.id());
            all.add(changed != null ? changed : settled);
        }
        for (Game.Player changed : changedPlayers.values()) {
            if (!settledPlayers.containsKey(changed.id())) {
                all.add(changed);
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * This roster with its changes folded into a new shared part when they have grown large; called on a game no
     * reader sees yet (after a replay, or a command's commit), never on one that is shared.
     */
    Roster settled() {
        if (changedPlayers.size() + changedNicknames.size() <= FOLD_AT) {
            return this;
        }
        LinkedHashMap<String, Game.Player> players = new LinkedHashMap<>(settledPlayers);
        players.putAll(changedPlayers);
        Set<String> nicknames = new HashSet<>(settledNicknames);
        changedNicknames.forEach((key, taken) -> {
            if (taken) {
                nicknames.add(key);
            } else {
                nicknames.remove(key);
            }
        });
        return new Roster(Collections.unmodifiableMap(players), Collections.unmodifiableSet(nicknames),
                new LinkedHashMap<>(), new HashMap<>());
    }
}
