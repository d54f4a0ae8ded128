/* Wegwijs web chat. No build step, no libraries.
 *
 * The conversation lives in localStorage (key "wegwijs.chat"): the conversation id this server gave (with its
 * signature), the messages shown, and a queue of messages not yet answered. A message is queued before it is sent
 * and leaves the queue only when this server answered for its id, so a message typed while offline waits and is
 * sent once the connection is back. The server forwards each id to the assistant once, so sending the same id
 * again (after a lost answer, or from a second tab) never makes a double. When it is busy (429) the message waits
 * as long as it says. A message the server refused as invalid is never sent again; after a server error it is
 * tried a limited number of times. When the server does not know the conversation (an id from before it signed
 * them, or a new server secret), the page starts a new one and says so.
 */
(() => {
  "use strict";

  const SLEUTEL = "wegwijs.chat";
  const OPENING = "/greet";          // the assistant opens the conversation itself (bot/domain: greet)
  const WISSEN = "/delete_data";     // the assistant forgets the conversation (bot/actions/privacy.py)
  const MAX_WACHTTIJD = 30000;       // longest pause between two tries, in ms
  const MAX_POGINGEN = 12;           // tries after a server error (about 4 minutes); a lost connection waits on
  const VERZOEK_TIMEOUT = 150000;    // the server waits up to 120 s for the assistant
  const MEDEWERKER_ACTIEF = 5000;    // how often to look for a worker's messages while one is talking
  const MEDEWERKER_RUST = 30000;     // and otherwise
  const sessieduur = Number(document.body.dataset.sessieduur) * 60000;

  const $ = (id) => document.getElementById(id);
  const gesprek = $("gesprek");
  const formulier = $("formulier");
  const invoer = $("invoer");
  const invoerFout = $("invoer-fout");
  const aankondiging = $("aankondiging");
  const bezigMelding = $("bezig");
  const BEZIG = bezigMelding.textContent;
  const verbinding = $("verbinding-melding");
  const verbindingUitleg = $("verbinding-uitleg");
  const melding = $("melding");

  const AFZENDER = { burger: "U", wegwijs: "Wegwijs", medewerker: "Medewerker van het buurtteam" };

  // ---- the conversation in localStorage ------------------------------------------------------------------

  let inGeheugen = null;  // when the browser does not allow localStorage, the conversation lasts as long as the page

  function nieuweId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* The conversation id and its signature come from the server, just before the first message goes out. */
  function nieuwGesprek(vorige) {
    return {
      afzender: vorige ? vorige.afzender : null,
      handtekening: vorige ? vorige.handtekening : null,
      berichten: [],
      wachtrij: [],
      actief: Date.now(),
      medewerkerNa: vorige ? vorige.medewerkerNa : 0,
    };
  }

  function lees() {
    try {
      const opgeslagen = JSON.parse(localStorage.getItem(SLEUTEL));
      if (opgeslagen && "afzender" in opgeslagen && Array.isArray(opgeslagen.berichten)
          && Array.isArray(opgeslagen.wachtrij)) {
        return opgeslagen;
      }
    } catch (e) { /* not allowed or damaged: fall back to memory */ }
    return inGeheugen;
  }

  function bewaar(stand) {
    inGeheugen = stand;
    try {
      localStorage.setItem(SLEUTEL, JSON.stringify(stand));
    } catch (e) { /* storage full or not allowed: the page still works from memory */ }
  }

  // ---- showing the conversation -------------------------------------------------------------------------

  let inBehandeling = null;      // id of the message on its way now
  let druk = "";                 // the server's message while it asks to wait before sending more
  let verzendenLukt = true;
  let ophalenLukt = true;

  function tekstMetLinks(tekst) {
    const fragment = document.createDocumentFragment();
    for (const deel of tekst.split(/(https?:\/\/[^\s]+[^\s.,;:!?)])/)) {
      if (/^https?:\/\//.test(deel)) {
        const link = document.createElement("a");
        link.href = deel;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        link.textContent = deel;
        const uitleg = document.createElement("span");
        uitleg.className = "visueel-verborgen";
        uitleg.textContent = " (opent in een nieuw venster)";
        link.append(uitleg);
        fragment.append(link);
      } else {
        fragment.append(deel);
      }
    }
    return fragment;
  }

  function maakBericht(bericht) {
    const li = document.createElement("li");
    li.className = "bericht bericht--" + bericht.van;
    li.dataset.id = bericht.id;
    const van = document.createElement("p");
    van.className = "bericht__van";
    van.textContent = AFZENDER[bericht.van];
    const tekst = document.createElement("p");
    tekst.className = "bericht__tekst";
    tekst.append(bericht.van === "burger" ? bericht.tekst : tekstMetLinks(bericht.tekst));
    const status = document.createElement("p");
    status.className = "bericht__status";
    li.append(van, tekst, status);
    return li;
  }

  function statusVan(bericht, stand) {
    if (bericht.mislukt) return bericht.mislukt;
    if (!stand.wachtrij.some((w) => w.id === bericht.id)) return "";
    if (bericht.id === inBehandeling) return "Wordt verstuurd…";
    return verzendenLukt ? "Wacht op versturen…" : "Nog niet verstuurd. Dit gaat vanzelf als er weer verbinding is.";
  }

  function render(stand) {
    const ids = new Set(stand.berichten.map((b) => b.id));
    for (const li of [...gesprek.children]) {
      if (!ids.has(li.dataset.id)) li.remove();
    }
    const aanwezig = new Map([...gesprek.children].map((li) => [li.dataset.id, li]));
    for (const bericht of stand.berichten) {
      const li = aanwezig.get(bericht.id) || gesprek.appendChild(maakBericht(bericht));
      const status = li.querySelector(".bericht__status");
      status.textContent = statusVan(bericht, stand);
      status.hidden = !status.textContent;
      li.classList.toggle("bericht--mislukt", Boolean(bericht.mislukt));
    }
    renderKeuzes(stand);
    bezigMelding.textContent = druk || BEZIG;
    bezigMelding.hidden = !(druk || (inBehandeling && verzendenLukt));
    renderVerbinding(stand);
  }

  /* Only the buttons of the assistant's latest answer can be pressed; older ones are history. */
  function renderKeuzes(stand) {
    const hadFocus = document.activeElement && document.activeElement.closest(".keuzes");
    for (const groep of gesprek.querySelectorAll(".keuzes")) groep.remove();
    for (let i = stand.berichten.length - 1; i >= 0 && stand.berichten[i].van !== "burger"; i -= 1) {
      const bericht = stand.berichten[i];
      if (!bericht.knoppen || !bericht.knoppen.length) continue;
      const groep = document.createElement("div");
      groep.className = "keuzes";
      groep.setAttribute("role", "group");
      groep.setAttribute("aria-label", "Kies een antwoord");
      for (const knop of bericht.knoppen) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "knop";
        button.textContent = knop.titel;
        button.addEventListener("click", () => {
          invoer.focus();
          verstuur(knop.titel, knop.payload);
        });
        groep.append(button);
      }
      gesprek.querySelector(`[data-id="${bericht.id}"]`).append(groep);
    }
    if (hadFocus && !document.activeElement.closest(".keuzes")) invoer.focus();
  }

  function renderVerbinding(stand) {
    const weg = !verzendenLukt || !ophalenLukt;
    const wasWeg = !verbinding.hidden;
    if (weg) {
      verbindingUitleg.textContent = stand.berichten.some((b) => stand.wachtrij.some((w) => w.id === b.id))
        ? "Uw bericht is bewaard op dit apparaat. Het wordt vanzelf verstuurd als de verbinding terug is."
        : "Wegwijs probeert het vanzelf opnieuw.";
    }
    verbinding.hidden = !weg;
    if (wasWeg && !weg) kondigAan(["De verbinding is terug."]);
  }

  function kondigAan(regels) {
    for (const regel of regels) {
      const p = document.createElement("p");
      p.textContent = regel;
      aankondiging.append(p);
    }
    while (aankondiging.children.length > 6) aankondiging.firstElementChild.remove();
  }

  function kondigBerichtenAan(berichten) {
    kondigAan(berichten.map((b) => {
      const keuzes = b.knoppen && b.knoppen.length ? " Kies: " + b.knoppen.map((k) => k.titel).join(", ") + "." : "";
      return `${AFZENDER[b.van]}: ${b.tekst}${keuzes}`;
    }));
  }

  /* New answers: show the whole answer, from its start if it does not fit on the screen. */
  function laatZien(eersteId) {
    const eerste = gesprek.querySelector(`[data-id="${eersteId}"]`);
    if (!eerste) return;
    const ruimte = formulier.getBoundingClientRect().bottom - eerste.getBoundingClientRect().top;
    (ruimte <= window.innerHeight ? formulier : eerste).scrollIntoView({ block: ruimte <= window.innerHeight ? "end" : "start" });
  }

  function toonInvoerFout(melding) {
    invoerFout.textContent = melding;
    invoerFout.hidden = !melding;
    invoer.setAttribute("aria-invalid", melding ? "true" : "false");
    if (melding) kondigAan([melding]);
  }

  // ---- talking to the server ----------------------------------------------------------------------------

  async function post(pad, gegevens) {
    const afbreken = new AbortController();
    const wekker = setTimeout(() => afbreken.abort(), VERZOEK_TIMEOUT);
    try {
      const antwoord = await fetch(pad, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(gegevens),
        signal: afbreken.signal,
      });
      const inhoud = await antwoord.json().catch(() => null);
      if (antwoord.ok && inhoud) return { ok: true, inhoud };
      const status = antwoord.status;
      if (inhoud && typeof inhoud.fout === "string") {
        // busy: the server says in seconds when to try again
        const wacht = status === 429 ? Number(antwoord.headers.get("Retry-After")) : 0;
        return { ok: false, status, opnieuw: Boolean(inhoud.opnieuw) && (status >= 500 || status === 429),
                 nieuwGesprek: Boolean(inhoud.nieuw_gesprek), fout: inhoud.fout, wacht: wacht > 0 ? wacht : 0 };
      }
      // an answer not from this server (a proxy in between): try again only where that cannot double anything
      return { ok: false, status, opnieuw: status >= 500 || status === 429, fout: "Er ging iets mis." };
    } catch (e) {
      return { ok: false, status: 0, opnieuw: true, fout: "Geen verbinding." };
    } finally {
      clearTimeout(wekker);
    }
  }

  let bezig = false;
  let poging = 0;
  let serverfouten = 0;   // server errors in a row for the message in front of the queue
  let wekker = null;

  /* A new conversation id from the server; { gesprek: true } once it is kept, otherwise post's failure. */
  async function haalGesprek() {
    const antwoord = await post("/api/gesprek", {});
    if (!antwoord.ok) return antwoord;
    const { afzender, handtekening } = antwoord.inhoud;
    const stand = lees();
    if (!stand.afzender) {  // another tab may have got one first: then all tabs use that one
      stand.afzender = afzender;
      stand.handtekening = handtekening;
      bewaar(stand);
    }
    return { gesprek: true };
  }

  /* The server does not know this conversation: start a new one, from the opening. What the person typed and
   * was not sent goes back into the input field, so nothing they wrote is lost. */
  function opnieuwBeginnen(afzender) {
    const oud = lees();
    if (oud.afzender !== afzender) return;  // already started anew (by the other look-up, or another tab)
    const wachtend = new Set(oud.wachtrij.map((w) => w.id));
    const getypt = oud.berichten.filter((b) => b.van === "burger" && wachtend.has(b.id)
      && oud.wachtrij.some((w) => w.id === b.id && w.payload === b.tekst)).map((b) => b.tekst);
    const stand = nieuwGesprek(null);
    stand.wachtrij.push({ id: nieuweId(), payload: OPENING });
    bewaar(stand);
    poging = 0;
    serverfouten = 0;
    if (getypt.length && !invoer.value) invoer.value = getypt.join(" ");
    const zin = "Het vorige gesprek kon niet verder, daarom begint hier een nieuw gesprek.";
    melding.textContent = zin;
    melding.hidden = false;
    kondigAan([zin]);
    render(stand);
  }

  function verstuur(tekst, payload) {
    const id = nieuweId();
    const stand = lees();
    if (tekst !== null) stand.berichten.push({ id, van: "burger", tekst });
    stand.wachtrij.push({ id, payload });
    stand.actief = Date.now();
    bewaar(stand);
    render(stand);
    verwerkWachtrij();
  }

  /* Send the queue in order, one message at a time; on a lost connection wait longer after every try, when the
   * server is busy as long as it asks. */
  async function verwerkWachtrij() {
    if (bezig) return;
    bezig = true;
    clearTimeout(wekker);
    druk = "";
    try {
      for (let stand = lees(); stand.wachtrij.length; stand = lees()) {
        const item = stand.wachtrij[0];
        inBehandeling = item.id;
        render(stand);
        const antwoord = stand.afzender
          ? await post("/api/bericht", { afzender: stand.afzender, handtekening: stand.handtekening, id: item.id,
                                         tekst: item.payload })
          : await haalGesprek();
        inBehandeling = null;
        if (antwoord.nieuwGesprek) {
          opnieuwBeginnen(stand.afzender);
          continue;
        }
        if (antwoord.gesprek) continue;  // the conversation has its id now: send the first message
        if (antwoord.wacht) {  // busy, not a lost connection: wait as long as the server asks, then send it
          verzendenLukt = true;
          druk = antwoord.fout;
          kondigAan([druk]);
          wekker = setTimeout(verwerkWachtrij, 1000 * antwoord.wacht);
          break;
        }
        if (antwoord.ok) {
          verzendenLukt = true;
          poging = 0;
          serverfouten = 0;
          if (!ophalenLukt) haalMedewerkerBerichten();  // the connection is back: no need to wait for the next look
          ontvang(item.id, antwoord.inhoud.berichten);
        } else if (antwoord.opnieuw && (antwoord.status === 0 || serverfouten < MAX_POGINGEN)) {
          verzendenLukt = false;
          const wacht = Math.min(MAX_WACHTTIJD, 1000 * 2 ** poging) * (0.8 + Math.random() * 0.4);
          poging += 1;
          if (antwoord.status) serverfouten += 1;
          wekker = setTimeout(verwerkWachtrij, wacht);
          break;
        } else {
          verzendenLukt = true;
          poging = 0;
          serverfouten = 0;
          mislukt(item.id, antwoord.opnieuw ? "Het versturen lukte steeds niet." : antwoord.fout);
        }
      }
    } finally {
      inBehandeling = null;
      bezig = false;
      render(lees());
    }
  }

  function ontvang(id, antwoorden) {
    const stand = lees();
    const plek = stand.wachtrij.findIndex((w) => w.id === id);
    if (plek === -1) return;  // another tab got this answer first, or the conversation was wiped meanwhile
    stand.wachtrij.splice(plek, 1);
    const nieuw = antwoorden.map((a, i) => ({ id: `${id}-${i}`, van: "wegwijs", tekst: a.tekst, knoppen: a.knoppen }));
    stand.berichten.push(...nieuw);
    stand.actief = Date.now();
    bewaar(stand);
    render(stand);
    kondigBerichtenAan(nieuw);
    if (nieuw.length) laatZien(nieuw[0].id);
  }

  function mislukt(id, fout) {
    const stand = lees();
    stand.wachtrij = stand.wachtrij.filter((w) => w.id !== id);
    const bericht = stand.berichten.find((b) => b.id === id);
    const melding = `${fout} Typ uw bericht gerust opnieuw.`;
    if (bericht) bericht.mislukt = melding;
    bewaar(stand);
    render(stand);
    kondigAan([melding]);
  }

  // ---- messages from a buurtteam worker -----------------------------------------------------------------

  let medewerkerWekker = null;
  let medewerkerMogelijk = true;

  async function haalMedewerkerBerichten() {
    clearTimeout(medewerkerWekker);
    if (!medewerkerMogelijk) return;
    if (document.hidden) return;  // looked up again as soon as the page is visible
    const stand = lees();
    if (!stand.afzender) {  // no conversation yet: nobody can have written
      medewerkerWekker = setTimeout(haalMedewerkerBerichten, MEDEWERKER_RUST);
      return;
    }
    const antwoord = await post("/api/medewerker", { afzender: stand.afzender, handtekening: stand.handtekening,
                                                      na: stand.medewerkerNa || 0 });
    let volgende = MEDEWERKER_RUST;
    if (antwoord.nieuwGesprek) {
      opnieuwBeginnen(stand.afzender);
      verwerkWachtrij();
    } else if (antwoord.ok) {
      ophalenLukt = true;
      if (!antwoord.inhoud.beschikbaar) {
        medewerkerMogelijk = false;
      } else {
        ontvangVanMedewerker(antwoord.inhoud.berichten);
        if (antwoord.inhoud.gepauzeerd) volgende = MEDEWERKER_ACTIEF;
      }
    } else if (antwoord.wacht) {
      volgende = Math.max(antwoord.wacht * 1000, MEDEWERKER_ACTIEF);  // busy, not disconnected: look again later
    } else {
      ophalenLukt = !antwoord.opnieuw;
      volgende = MEDEWERKER_ACTIEF * 2;
    }
    render(lees());
    if (medewerkerMogelijk) medewerkerWekker = setTimeout(haalMedewerkerBerichten, volgende);
  }

  function ontvangVanMedewerker(berichten) {
    const stand = lees();
    const nieuw = berichten
      .filter((b) => b.tijd > (stand.medewerkerNa || 0))
      .map((b) => ({ id: "m" + String(b.tijd).replace(/\D/g, ""), van: "medewerker", tekst: b.tekst, tijd: b.tijd }));
    if (!nieuw.length) return;
    stand.berichten.push(...nieuw.map(({ id, van, tekst }) => ({ id, van, tekst })));
    stand.medewerkerNa = Math.max(...nieuw.map((b) => b.tijd));
    bewaar(stand);
    render(stand);
    kondigBerichtenAan(nieuw);
    laatZien(nieuw[0].id);
  }

  // ---- the page -----------------------------------------------------------------------------------------

  function opnieuwProberen() {
    poging = 0;
    serverfouten = 0;
    verwerkWachtrij();
    haalMedewerkerBerichten();
  }

  formulier.addEventListener("submit", (event) => {
    event.preventDefault();
    const tekst = invoer.value.trim();
    if (!tekst) {
      toonInvoerFout("Typ eerst uw bericht.");
      return;
    }
    toonInvoerFout("");
    invoer.value = "";
    melding.hidden = true;
    verstuur(tekst, tekst);
  });

  $("opnieuw").addEventListener("click", opnieuwProberen);
  window.addEventListener("online", opnieuwProberen);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) haalMedewerkerBerichten(); });

  $("wissen").addEventListener("click", () => {
    if (!window.confirm("Wilt u het gesprek wissen? Wegwijs vergeet dan ook wat u vertelde.")) return;
    const stand = lees();
    stand.berichten = [];
    stand.wachtrij = [{ id: nieuweId(), payload: WISSEN }];  // messages not yet sent are wiped too
    stand.actief = Date.now();
    bewaar(stand);
    render(stand);
    kondigAan(["Het gesprek is gewist."]);
    invoer.focus();
    verwerkWachtrij();
  });

  // Another tab of the same conversation changed it: show the same.
  window.addEventListener("storage", (event) => {
    if (event.key === SLEUTEL && lees()) render(lees());
  });

  function start() {
    let stand = lees();
    if (stand && stand.afzender && !stand.handtekening) {  // kept from before the server signed conversation ids
      opnieuwBeginnen(stand.afzender);
      stand = lees();
    }
    const verlopen = stand && !stand.wachtrij.length && Date.now() - stand.actief > sessieduur;
    if (!stand || verlopen) {
      stand = nieuwGesprek(stand);  // the assistant too starts anew after this long: keep only the sender id
      bewaar(stand);
    }
    render(stand);
    if (stand.berichten.length || stand.wachtrij.length) {
      verwerkWachtrij();
      formulier.scrollIntoView({ block: "end" });
    } else {
      verstuur(null, OPENING);
    }
    haalMedewerkerBerichten();
  }

  start();
})();
