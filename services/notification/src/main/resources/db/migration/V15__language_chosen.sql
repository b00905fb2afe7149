-- Whether she chose her language (issue: the gateway could not tell "chose Japanese" from "never chose", since a new
-- row stores the default, Japanese). Set when she saves her settings, which always carry a language. Existing rows:
-- only a save ever wrote English, so a stored English was chosen; a stored Japanese may be the default, so it counts as
-- not chosen (the settings form then shows the language she is using, as it did before).
alter table recipient_preference add column language_chosen boolean not null default false;
update recipient_preference set language_chosen = true where language = 'en';
